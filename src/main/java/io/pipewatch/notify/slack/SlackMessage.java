package io.pipewatch.notify.slack;

import io.pipewatch.alert.Alert;
import io.pipewatch.notify.GroupNotification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the Block Kit payload of one notification: what fired, where, value against threshold,
 * since when, severity, runbook and dashboard buttons. Texts are cut to Slack's limits (header
 * 150, section 3,000) so a long summary can never get the payload rejected.
 */
public final class SlackMessage {

    static final int HEADER_LIMIT = 150;
    static final int SECTION_LIMIT = 3000;
    static final int FIELD_LIMIT = 2000;
    /** Alerts listed one by one in a group's message; the rest are counted. */
    static final int LISTED = 20;
    /** One alert's line in a group's message: 20 of them stay far below Slack's 40,000 characters. */
    static final int LINE_LIMIT = 1500;
    static final int URL_LIMIT = 3000;
    /** An alarm's summary in a group's list: its first sentence or two. */
    static final int SUMMARY_IN_LIST = 300;

    private SlackMessage() {
    }

    /** The payload for a group: one alert reads in full; several become a summary within Slack's limits. */
    public static Map<String, Object> of(GroupNotification n) {
        Alert only = n.single();
        return only != null ? single(only, n.resolved().isEmpty(), n.repeat(), n.incident(), n.pageOf(only).orElse(null)) : summary(n);
    }

    /** @param page the alert's page (its history), or null when the message does not know where pages are */
    private static Map<String, Object> single(Alert a, boolean firing, boolean repeat, GroupNotification.IncidentNote incident,
            String page) {
        boolean silent = !firing && silent(a);
        String title = (firing ? "🔥 FIRING: " : silent ? "⚠️ NO DATA: " : "✅ RESOLVED: ") + a.alarm();
        List<Object> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", plain(cut(title, HEADER_LIMIT))));
        blocks.add(Map.of("type", "section", "text", mrkdwn(cut(escape(a.summary()), SECTION_LIMIT))));
        incident(blocks, incident);
        List<Object> fields = new ArrayList<>();
        fields.add(field("Where", a.resource()));
        fields.add(field("Severity", a.severityLabel()));
        fields.add(field(firing ? "Value" : "Value now", a.valueText() + " (alarm when " + a.condition() + ")"));
        if (silent) {
            fields.add(fieldRaw("Stopped reporting", date(a.since()) + " while firing since " + date(a.firingSince())
                    + ": no data, so no verdict. It pages again if it fires when data returns"));
        } else if (firing) {
            fields.add(fieldRaw("Since", date(a.firingSince())));
            if (a.status().impact() != null) {
                var impact = a.status().impact();
                fields.add(fieldRaw("Impact", escape(capitalized(impact.text()))
                        + (impact.dataLossAt() == null ? "" : " (data loss " + date(impact.dataLossAt()) + ")")));
            }
        } else {
            fields.add(fieldRaw("Resolved", date(a.since()) + " after " + lasted(a) + " (fired " + date(a.firingSince()) + ")"));
        }
        blocks.add(Map.of("type", "section", "fields", fields));
        // An incident's message opens the dashboard at the stage that went wrong first.
        String dashboard = incident != null && incident.link() != null ? incident.link() : a.dashboard();
        actions(blocks, button("Runbook", a.runbook(), firing ? "primary" : null), button("Dashboard", dashboard, null),
                button("History", page, null));
        blocks.add(Map.of("type", "context", "elements", List.of(mrkdwn(cut(escape(note(a, repeat) + a.reason()), FIELD_LIMIT)))));
        return message(escape(title + " on " + a.resource() + ": " + a.valueText()), blocks);
    }

    /**
     * A group of several alerts: a header with the counts, one line per alert (firing first, most severe
     * first) up to {@link #LISTED}, then "and N more" with the dashboard, so even 500 alerts make one
     * message Slack accepts: at most 25 blocks and well under 40,000 characters.
     */
    private static Map<String, Object> summary(GroupNotification n) {
        String counts = (n.firingCount() == 0 ? "" : "🔥 " + n.firingCount() + " firing")
                + (n.firingCount() == 0 || n.resolvedCount() == 0 ? "" : ", ")
                + (n.resolvedCount() == 0 ? "" : "✅ " + n.resolvedCount() + " resolved");
        String labels = String.join(" · ", n.groupLabels().values().stream().filter(v -> !v.isEmpty()).toList());
        // An incident's id says nothing to a reader; its title does.
        String title = counts + (n.incident() != null ? ": " + n.incident().title() : labels.isEmpty() ? "" : ": " + labels);
        List<Object> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", plain(cut(title, HEADER_LIMIT))));
        blocks.add(Map.of("type", "context", "elements", List.of(mrkdwn(cut(escape((n.repeat() ? "Reminder: still firing. " : "")
                + "Grouped by " + n.groupLabels()), FIELD_LIMIT)))));
        incident(blocks, n.incident());
        List<Alert> listed = new ArrayList<>(n.firing());
        listed.addAll(n.resolved());
        for (Alert a : listed.subList(0, Math.min(LISTED, listed.size()))) {
            boolean firing = a.state() == io.pipewatch.alert.AlertState.FIRING;
            boolean silent = !firing && silent(a);
            // A link whose URL would be cut with the line is left a plain name.
            String name = a.runbook().length() > LINE_LIMIT / 2 ? escape(a.alarm()) : "<" + a.runbook() + "|" + escape(a.alarm()) + ">";
            // The summary says what the alarm means; a group's message must not lose it.
            String line = (firing ? "🔥 " : silent ? "⚠️ " : "✅ ") + "*" + name + "* · " + a.severityLabel()
                    + " · " + escape(a.resource()) + "\n" + escape(cut(a.summary(), SUMMARY_IN_LIST)) + "\n" + a.valueText() + " (alarm when " + escape(a.condition()) + ") · "
                    + (firing ? "since " + date(a.firingSince()) : silent ? "stopped reporting " + date(a.since()) + " while firing"
                    : "resolved " + date(a.since()) + " after " + lasted(a))
                    + (firing && a.status().impact() != null ? " · *" + escape(a.status().impact().text()) + "*" : "")
                    + (a.ack() == null ? "" : " · acknowledged by " + escape(a.ack().by()));
            blocks.add(Map.of("type", "section", "text", mrkdwn(cut(line, LINE_LIMIT))));
        }
        int more = n.size() - Math.min(LISTED, listed.size());
        if (more > 0) {
            blocks.add(Map.of("type", "section", "text", mrkdwn("…and " + more + " more: see the dashboard for all "
                    + n.size() + ".")));
        }
        actions(blocks, button("Dashboard", n.incident() != null && n.incident().link() != null ? n.incident().link()
                : n.dashboard(), "primary"));
        return message(escape(title), blocks);
    }

    /**
     * The incident's story, when the message's alerts are part of one with more than one alert: which stage went wrong
     * first and why, and what followed. An incident of one alert is that alert's message.
     */
    private static void incident(List<Object> blocks, GroupNotification.IncidentNote incident) {
        if (incident == null || incident.effects().isEmpty()) {
            return;
        }
        String text = "*Incident" + ("resolved".equals(incident.state()) ? " (resolved)" : "") + ":* " + escape(incident.title())
                + "\n*Cause:* " + escape(incident.cause())
                + "\n*Effects:* " + escape(String.join("; ", incident.effects()));
        blocks.add(Map.of("type", "section", "text", mrkdwn(cut(text, SECTION_LIMIT))));
    }

    private static Map<String, Object> message(String text, List<Object> blocks) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("text", cut(text, SECTION_LIMIT));
        message.put("blocks", blocks);
        return message;
    }

    /** An alert that left FIRING for lack of data: CloudWatch's INSUFFICIENT_DATA, told as such, never as resolved. */
    private static boolean silent(Alert a) {
        return a.state() == io.pipewatch.alert.AlertState.INSUFFICIENT_DATA;
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String note(Alert a, boolean repeat) {
        return (repeat ? "Reminder: still firing. " : "")
                + (a.ack() == null ? "" : "Acknowledged by " + a.ack().by() + (a.ack().comment() == null ? "" : " (" + a.ack().comment() + ")") + ". ");
    }

    private static String lasted(Alert a) {
        if (a.firingSince() == null) {
            return "a while";
        }
        return io.pipewatch.signal.Unit.MILLISECONDS.format(Duration.between(a.firingSince(), a.since()).toMillis());
    }

    /** Slack's date token shows the time in each reader's own time zone; the fallback is UTC. */
    private static String date(Instant at) {
        if (at == null) {
            return "unknown";
        }
        return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time_secs}|"
                + at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ">";
    }

    /** Slack refuses a whole message for a button URL over 3,000 characters, or an empty actions block. */
    private static void actions(List<Object> blocks, Object... buttons) {
        List<Object> elements = java.util.Arrays.stream(buttons).filter(java.util.Objects::nonNull).toList();
        if (!elements.isEmpty()) {
            blocks.add(Map.of("type", "actions", "elements", elements));
        }
    }

    private static Map<String, Object> button(String text, String url, String style) {
        if (url == null || url.isEmpty() || url.length() > URL_LIMIT) {
            return null;
        }
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("type", "button");
        b.put("text", plain(text));
        b.put("url", url);
        if (style != null) {
            b.put("style", style);
        }
        return b;
    }

    private static Map<String, Object> field(String name, String value) {
        return fieldRaw(name, escape(value));
    }

    private static Map<String, Object> fieldRaw(String name, String value) {
        return mrkdwn(cut("*" + name + "*\n" + value, FIELD_LIMIT));
    }

    private static Map<String, Object> plain(String text) {
        return Map.of("type", "plain_text", "text", text, "emoji", true);
    }

    private static Map<String, Object> mrkdwn(String text) {
        return Map.of("type", "mrkdwn", "text", text);
    }

    /** Slack's mrkdwn treats &amp;, &lt; and &gt; as control characters. */
    public static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String cut(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }
}
