package io.pipewatch.notify.slack.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.alert.Acknowledgement;
import io.pipewatch.alert.Alert;
import io.pipewatch.alert.AlertState;
import io.pipewatch.alert.AlertQueries;
import io.pipewatch.alert.Acknowledgements;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.config.Wall;
import io.pipewatch.incident.IncidentQueries;
import io.pipewatch.notify.Notifier;
import io.pipewatch.silence.Silences;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * What a press of the Slack message's buttons does: Acknowledge owns every firing alert of the incident (or the
 * message's alert) in the name of the Slack user who pressed; Silence 1 h / 4 h silences the incident's alerts for that
 * long. The message itself is then edited by delivery, as for any change. A user outside
 * {@code pipewatch.slack.responders} gets a reply only they see, and nothing changes.
 */
@ApplicationScoped
public class SlackInteractions {

    /** A press, as Slack described it; the user's id and the name Slack shows for them. */
    public record Press(String action, String target, String userId, String userName, String responseUrl) {

        /** How the actor is recorded and shown: {@code @ana}; the id goes into the comment. */
        String actor() {
            return "@" + (userName == null || userName.isBlank() ? userId : userName);
        }
    }

    /** What came of a press: {@code acted}, or why not, with the reply only the presser sees (null for none). */
    public record Outcome(String result, String ephemeral) {
    }

    private static final Map<String, Duration> SILENCES = Map.of(SlackAppMessage.SILENCE_1H, Duration.ofHours(1),
            SlackAppMessage.SILENCE_4H, Duration.ofHours(4));
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final AlertQueries alerts;
    private final Acknowledgements acks;
    private final IncidentQueries incidents;
    private final Silences silences;
    private final Clock clock;
    private final ObjectMapper json;
    private final Responders responders;
    private final Optional<SlackSignature> signature;
    private final OkHttpClient http;

    /** User groups are read while a press waits for its answer, which Slack wants within 3 s. */
    static final Duration GROUP_READ_TIMEOUT = Duration.ofSeconds(2);

    /** @param notifiers the receivers: the first Slack app's token reads user groups */
    public SlackInteractions(PipewatchConfig config, List<Notifier> notifiers, AlertQueries alerts, Acknowledgements acks,
            IncidentQueries incidents, Silences silences, ObjectMapper json, @Wall Clock clock) {
        this.alerts = alerts;
        this.acks = acks;
        this.incidents = incidents;
        this.silences = silences;
        this.clock = clock;
        this.json = json;
        this.signature = config.slack().signingSecret().filter(s -> !s.isBlank()).map(SlackSignature::new);
        Optional<SlackWebApi> api = notifiers.stream().filter(SlackAppNotifier.class::isInstance).findFirst()
                .map(n -> ((SlackAppNotifier) n).api().withTimeout(GROUP_READ_TIMEOUT));
        this.responders = new Responders(config.slack().responders().orElse(List.of()), api, clock);
        this.http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(5)).build();
    }

    /** Empty when no signing secret is configured: then no press can be believed. */
    public Optional<SlackSignature> signature() {
        return signature;
    }

    /** Acts on a press whose signature was verified. */
    public Outcome act(Press press) {
        if (!responders.allows(press.userId())) {
            Log.infof("Slack user %s (%s) pressed %s on %s but is not among pipewatch.slack.responders", press.actor(),
                    press.userId(), press.action(), press.target());
            return reply(press, "not allowed", "You are not among this Pipewatch's responders (pipewatch.slack.responders), "
                    + "so nothing was changed. Ask the on-call team to add you.");
        }
        List<Alert> firing = firingAlerts(press.target());
        if (firing.isEmpty()) {
            return reply(press, "nothing firing", "Nothing of this message fires any more: nothing to acknowledge or silence.");
        }
        try {
            return apply(press, firing);
        } catch (RuntimeException storeDown) {
            Log.errorf("A Slack press (%s on %s by %s) could not be recorded: %s", press.action(), press.target(), press.actor(),
                    storeDown.getMessage());
            return reply(press, "not recorded", "Pipewatch could not record that just now (its store did not answer); "
                    + "nothing changed. Try again in a moment, or use the index page.");
        }
    }

    private Outcome apply(Press press, List<Alert> firing) {
        Instant now = clock.instant();
        String comment = "from Slack by user " + press.userId();
        if (SlackAppMessage.ACK.equals(press.action())) {
            firing.forEach(a -> acks.acknowledge(a.id(), new Acknowledgement(press.actor(), comment, now)));
            Log.infof("%s acknowledged %s from Slack (%d alert(s))", press.actor(), press.target(), firing.size());
            return new Outcome("acknowledged", null);
        }
        Duration length = SILENCES.get(press.action());
        String matcher = press.target().startsWith("incident:") ? "incident=" + press.target().substring(9)
                : "alarm=" + press.target().substring(6);
        silences.create(List.of(matcher), now, now.plus(length), press.actor(),
                "Silenced for " + length.toHours() + " h " + comment, now);
        return new Outcome("silenced", null);
    }

    /** Whether the action is one of the buttons that act (links send presses too, which need no answer). */
    public static boolean acts(String action) {
        return SlackAppMessage.ACK.equals(action) || SILENCES.containsKey(action);
    }

    /** Whether the target is one this version writes: {@code incident:<id>} or {@code alert:<id>}. */
    public static boolean readable(String target) {
        return target != null && (target.startsWith("incident:") && target.length() > 9 || target.startsWith("alert:") && target.length() > 6);
    }

    private List<Alert> firingAlerts(String target) {
        List<String> ids = target.startsWith("incident:")
                ? incidents.get(target.substring(9)).map(i -> i.alerts()).orElse(List.of())
                : List.of(target.substring(6));
        return ids.stream().map(alerts::get).flatMap(Optional::stream).filter(a -> a.state() == AlertState.FIRING).toList();
    }

    /** Answers the presser alone through the press's response URL, without holding up the answer to Slack. */
    private Outcome reply(Press press, String result, String text) {
        if (press.responseUrl() != null && press.responseUrl().startsWith("http")) {
            try {
                byte[] body = json.writeValueAsBytes(Map.of("response_type", "ephemeral", "replace_original", false, "text", text));
                http.newCall(new Request.Builder().url(press.responseUrl()).post(RequestBody.create(body, JSON)).build())
                        .enqueue(new Callback() {
                            @Override
                            public void onFailure(Call call, IOException e) {
                                Log.warnf("Could not answer a Slack press (%s): %s", result, e.getClass().getSimpleName());
                            }

                            @Override
                            public void onResponse(Call call, Response response) {
                                response.close();
                            }
                        });
            } catch (IOException | IllegalArgumentException e) {
                Log.warnf("Could not answer a Slack press (%s): %s", result, e.getClass().getSimpleName());
            }
        }
        return new Outcome(result, text);
    }
}
