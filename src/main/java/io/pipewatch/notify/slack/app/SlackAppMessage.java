package io.pipewatch.notify.slack.app;

import io.pipewatch.alert.Alert;
import io.pipewatch.alert.AlertState;
import io.pipewatch.notify.GroupNotification;
import io.pipewatch.notify.slack.SlackMessage;
import io.pipewatch.signal.Unit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Slack app's message for a conversation, and the line its thread gets for each change. The message is the
 * webhook's (same facts, same limits) in a coloured bar that says the state at a glance (red firing, amber owned or
 * silenced, green resolved, grey no data), with who owns it, and with Acknowledge and Silence buttons while something
 * fires. The thread keeps the history: one short line per change, told against what the message showed before.
 */
public final class SlackAppMessage {

    public static final String ACK = "pipewatch.ack";
    public static final String SILENCE_1H = "pipewatch.silence.1h";
    public static final String SILENCE_4H = "pipewatch.silence.4h";

    static final String RED = "#E01E5A";
    static final String AMBER = "#ECB22E";
    static final String GREEN = "#2EB67D";
    static final String GREY = "#868686";
    /** Slack's limit for a button's value. */
    static final int VALUE_LIMIT = 2000;

    private SlackAppMessage() {
    }

    /** {@code text} (what notifications and screen readers say) and one coloured attachment holding the blocks. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> of(GroupNotification n) {
        Map<String, Object> base = SlackMessage.of(n);
        List<Object> blocks = new ArrayList<>((List<Object>) base.get("blocks"));
        String status = status(n);
        if (!status.isEmpty()) {
            blocks.add(1, Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn", "text", status))));
        }
        if (n.firingCount() > 0) {
            target(n).ifPresent(target -> buttons(blocks, target));
        }
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("color", colour(n));
        attachment.put("blocks", blocks);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("text", base.get("text"));
        message.put("attachments", List.of(attachment));
        return message;
    }

    /** What the buttons act on: the incident, or the message's only alert; none for a digest of unrelated alerts. */
    static java.util.Optional<String> target(GroupNotification n) {
        if (n.incident() != null) {
            return java.util.Optional.of("incident:" + n.incident().id());
        }
        Alert only = n.single();
        String value = only == null ? null : "alert:" + only.id();
        return java.util.Optional.ofNullable(value != null && value.length() <= VALUE_LIMIT ? value : null);
    }

    /** Acknowledge and Silence go first in the message's actions, before its links (runbook, dashboard, history). */
    @SuppressWarnings("unchecked")
    private static void buttons(List<Object> blocks, String target) {
        List<Object> acting = List.of(button("Acknowledge", ACK, target, "primary"), button("Silence 1 h", SILENCE_1H, target, null),
                button("Silence 4 h", SILENCE_4H, target, null));
        for (int i = 0; i < blocks.size(); i++) {
            Map<String, Object> block = (Map<String, Object>) blocks.get(i);
            if ("actions".equals(block.get("type"))) {
                List<Object> elements = new ArrayList<>(acting);
                // A link styled primary would compete with Acknowledge.
                ((List<Map<String, Object>>) block.get("elements")).forEach(link -> {
                    Map<String, Object> plain = new LinkedHashMap<>(link);
                    plain.remove("style");
                    elements.add(plain);
                });
                blocks.set(i, Map.of("type", "actions", "elements", elements));
                return;
            }
        }
        blocks.add(Map.of("type", "actions", "elements", acting));
    }

    private static Map<String, Object> button(String text, String action, String value, String style) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("type", "button");
        b.put("text", Map.of("type", "plain_text", "text", text));
        b.put("action_id", action);
        b.put("value", value);
        if (style != null) {
            b.put("style", style);
        }
        return b;
    }

    static String colour(GroupNotification n) {
        if (n.firingCount() == 0) {
            boolean silent = n.resolved().stream().anyMatch(a -> a.state() == AlertState.INSUFFICIENT_DATA);
            return silent ? GREY : GREEN;
        }
        return owned(n) ? AMBER : RED;
    }

    /** Someone is on it: every firing alert named is acknowledged or silenced. */
    private static boolean owned(GroupNotification n) {
        return n.firing().stream().allMatch(a -> a.ack() != null || n.silenceOf(a).isPresent());
    }

    /** One line on the state: resolved after how long, or who acknowledged and silenced it. */
    static String status(GroupNotification n) {
        List<String> parts = new ArrayList<>();
        if (n.firingCount() == 0) {
            var incident = n.incident();
            if (incident != null && incident.startedAt() != null && incident.resolvedAt() != null) {
                parts.add("*Resolved* after " + lasted(incident.startedAt(), incident.resolvedAt()));
            }
            return String.join(" · ", parts);
        }
        Set<String> acks = new LinkedHashSet<>();
        n.firing().stream().filter(a -> a.ack() != null).forEach(a -> acks.add(SlackMessage.escape(a.ack().by())));
        if (!acks.isEmpty()) {
            parts.add("Acknowledged by " + String.join(", ", acks));
        }
        n.firing().stream().map(n::silenceOf).flatMap(java.util.Optional::stream).findFirst().ifPresent(s ->
                parts.add("Silenced until " + date(s.until()) + " by " + SlackMessage.escape(s.by())));
        return String.join(" · ", parts);
    }

    /** What the message shows, as marks the next change is told against. */
    static Set<String> shown(GroupNotification n) {
        Set<String> marks = new LinkedHashSet<>();
        for (Alert a : n.firing()) {
            marks.add(firingMark(a));
            if (a.ack() != null) {
                marks.add(ACK_MARK + a.id() + ":" + a.ack().by());
            }
            n.silenceOf(a).ifPresent(s -> marks.add(SILENCE_MARK + a.id() + "@" + s.until()));
        }
        return marks;
    }

    private static final String ACK_MARK = "ack:";
    private static final String SILENCE_MARK = "silenced:";

    /** A firing is told by when it started: the same alarm firing again is news. */
    private static String firingMark(Alert a) {
        return "firing:" + a.id() + "@" + a.firingSince();
    }

    /** The thread's line for this change, against what the message showed ({@code before}); empty when nothing is new. */
    static String reply(GroupNotification n, Set<String> before, boolean wasOpen) {
        List<String> lines = new ArrayList<>();
        // Told once per person and per silence, not per alert: one press acknowledges every alert of the incident, and
        // the message may be edited once per alert as their acknowledgements arrive.
        Set<String> told = new LinkedHashSet<>();
        // ack:<alert>:<by> → who; silenced:<alert>@<until> → until when
        before.stream().filter(m -> m.startsWith(ACK_MARK))
                .forEach(m -> told.add("ack " + m.substring(m.indexOf(':', ACK_MARK.length()) + 1)));
        before.stream().filter(m -> m.startsWith(SILENCE_MARK)).forEach(m -> told.add("silence " + m.substring(m.indexOf('@') + 1)));
        for (Alert a : n.firing()) {
            if (!before.contains(firingMark(a))) {
                lines.add("🔥 *" + SlackMessage.escape(a.alarm()) + "* fired: " + a.valueText() + " (alarm when "
                        + SlackMessage.escape(a.condition()) + ")");
            }
            if (a.ack() != null && told.add("ack " + a.ack().by())) {
                lines.add("👀 Acknowledged by " + SlackMessage.escape(a.ack().by()));
            }
            n.silenceOf(a).filter(s -> told.add("silence " + s.until()))
                    .ifPresent(s -> lines.add("🔕 Silenced until " + date(s.until()) + " by " + SlackMessage.escape(s.by())));
        }
        for (Alert a : n.resolved()) {
            lines.add(a.state() == AlertState.INSUFFICIENT_DATA ? "⚠️ *" + SlackMessage.escape(a.alarm()) + "* stopped reporting"
                    : "✅ *" + SlackMessage.escape(a.alarm()) + "* resolved" + (a.firingSince() == null ? ""
                    : " after " + lasted(a.firingSince(), a.since())));
        }
        if (n.moreResolved() > 0) {
            lines.add("✅ and " + n.moreResolved() + " more resolved");
        }
        if (n.repeat() && lines.isEmpty()) {
            lines.add("⏰ Still firing: " + n.firingCount() + " alert(s), nobody has acknowledged");
        }
        if (wasOpen && n.firingCount() == 0) {
            var incident = n.incident();
            lines.add(incident != null && incident.startedAt() != null && incident.resolvedAt() != null
                    ? "✅ *Incident resolved* after " + lasted(incident.startedAt(), incident.resolvedAt()) : "✅ *All resolved*");
        }
        return String.join("\n", lines);
    }

    private static String lasted(Instant from, Instant to) {
        return Unit.MILLISECONDS.format(Math.max(0, Duration.between(from, to).toMillis()));
    }

    private static String date(Instant at) {
        return "<!date^" + at.getEpochSecond() + "^{time}|" + at.truncatedTo(java.time.temporal.ChronoUnit.MINUTES) + ">";
    }
}
