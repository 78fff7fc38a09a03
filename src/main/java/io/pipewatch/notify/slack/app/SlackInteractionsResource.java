package io.pipewatch.notify.slack.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.config.Wall;
import io.quarkus.logging.Log;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * {@code POST /webhooks/slack/interactions}: the Slack app's interactivity request URL. Nothing is read before Slack's
 * signature is checked ({@link SlackSignature}): a missing, wrong or stale one is 401 and changes nothing. A verified
 * press is acted on at once and answered 200 with an empty body, well within Slack's 3 seconds; the message is edited
 * by delivery afterwards. Open to the network like {@code /webhooks/sns}: the signature is the authentication.
 */
@Path("/webhooks/slack/interactions")
public class SlackInteractionsResource {

    /** Slack's interaction payloads carry the whole message; far below this. */
    static final int MAX_BODY_BYTES = 256 * 1024;

    private final SlackInteractions interactions;
    private final ObjectMapper json;
    private final Clock clock;

    public SlackInteractionsResource(SlackInteractions interactions, ObjectMapper json, @Wall Clock clock) {
        this.interactions = interactions;
        this.json = json;
        this.clock = clock;
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @Produces(MediaType.APPLICATION_JSON)
    public Response press(InputStream stream, @HeaderParam("X-Slack-Request-Timestamp") String timestamp,
            @HeaderParam("X-Slack-Signature") String signature) {
        byte[] body;
        try {
            body = stream.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            return error(400, "body: unreadable");
        }
        if (body.length > MAX_BODY_BYTES) {
            return error(413, "body: more than " + MAX_BODY_BYTES + " bytes; no Slack interaction is that large");
        }
        if (interactions.signature().isEmpty()) {
            return error(401, "X-Slack-Signature: cannot be verified: PIPEWATCH_SLACK_SIGNING_SECRET is not set");
        }
        SlackSignature.Verdict verdict = interactions.signature().get().check(timestamp, signature, body, clock.instant());
        if (verdict != SlackSignature.Verdict.VALID) {
            Log.warnf("Refused a Slack interaction: signature %s", verdict.name().toLowerCase());
            return error(401, switch (verdict) {
                case MISSING -> "X-Slack-Signature: missing or not v0 (with X-Slack-Request-Timestamp)";
                case STALE -> "X-Slack-Request-Timestamp: more than 5 minutes from now; a replay is refused";
                default -> "X-Slack-Signature: does not match the body";
            });
        }
        JsonNode payload;
        try {
            payload = payload(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
        if (!"block_actions".equals(payload.path("type").asText())) {
            return Response.ok().build(); // shortcuts, view submissions: nothing of ours
        }
        JsonNode action = payload.path("actions").path(0);
        String actionId = action.path("action_id").asText("");
        if (!SlackInteractions.acts(actionId)) {
            return Response.ok().build(); // a link button: Slack tells of those presses too
        }
        String target = action.path("value").asText(null);
        String userId = payload.path("user").path("id").asText("");
        if (!SlackInteractions.readable(target)) {
            return error(400, "payload.actions[0].value: not a Pipewatch button's value (incident:<id> or alert:<id>)");
        }
        if (!userId.matches("[UW][A-Z0-9]{2,}")) {
            return error(400, "payload.user.id: missing or not a Slack user id");
        }
        JsonNode user = payload.path("user");
        String name = user.path("username").asText(user.path("name").asText(""));
        var outcome = interactions.act(new SlackInteractions.Press(actionId, target, userId, name,
                payload.path("response_url").asText(null)));
        Log.debugf("Slack press %s on %s: %s", actionId, target, outcome.result());
        return Response.ok().build();
    }

    /** The form's {@code payload} field, as JSON. */
    private JsonNode payload(String form) {
        for (String pair : form.split("&")) {
            if (pair.startsWith("payload=")) {
                try {
                    JsonNode node = json.readTree(URLDecoder.decode(pair.substring(8), StandardCharsets.UTF_8));
                    if (node != null && node.isObject()) {
                        return node;
                    }
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    throw new IllegalArgumentException("payload: not JSON");
                }
                throw new IllegalArgumentException("payload: not a JSON object");
            }
        }
        throw new IllegalArgumentException("payload: missing (Slack sends payload=<JSON>, form-encoded)");
    }

    private static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }
}
