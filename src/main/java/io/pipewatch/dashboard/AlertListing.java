package io.pipewatch.dashboard;

import io.pipewatch.alert.Alert;
import io.pipewatch.alert.AlertState;
import io.pipewatch.rule.Severity;
import io.pipewatch.signal.MetricId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The index page's alerts: by default those firing or pending and those that changed in the last hour; with a
 * state, every alert in that state. Narrowed by severity and stage, most urgent first, one page of {@link #PAGE} at
 * a time, so the page costs the same with 10,000 alerts in the store as with 10 (only one page is rendered).
 */
public record AlertListing(List<Alert> shown, int total, int page, int pages, Filter filter, List<String> problems) {

    static final int PAGE = 50;
    static final Duration RECENT = Duration.ofHours(1);

    /** What the viewer asked for; blank means any. {@code stage} is a stage's id on a dashboard. */
    public record Filter(String state, String severity, String stage) {

        /** The query string that keeps this filter on another page. */
        public String query(int page) {
            StringBuilder q = new StringBuilder("?page=" + page);
            append(q, "state", state);
            append(q, "severity", severity);
            append(q, "stage", stage);
            return q.toString();
        }

        private static void append(StringBuilder q, String key, String value) {
            if (value != null && !value.isEmpty()) {
                q.append('&').append(key).append('=').append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }

    /**
     * @param urgentFirst every alert, most urgent first (the tracker's order)
     * @param stageMetrics the metrics a stage charts, by stage id; empty for an unknown id
     */
    static AlertListing of(List<Alert> urgentFirst, String state, String severity, String stage, String page, Instant now,
            Function<String, Set<MetricId>> stageMetrics) {
        List<String> problems = new ArrayList<>();
        AlertState wanted = parse(state, "state", AlertState.class, problems);
        Severity level = severity == null || severity.isBlank() ? null : Severity.spellings().get(severity.strip());
        if (severity != null && !severity.isBlank() && level == null) {
            problems.add("severity: '" + severity + "' is not one of " + String.join(", ", Severity.spellings().keySet()));
        }
        Set<MetricId> stageOf = stage == null || stage.isBlank() ? null : stageMetrics.apply(stage.strip());
        if (stageOf != null && stageOf.isEmpty()) {
            problems.add("stage: no dashboard has a stage '" + stage + "'");
            stageOf = null;
        }
        int asked = 1;
        try {
            asked = page == null || page.isBlank() ? 1 : Math.max(1, Integer.parseInt(page.strip()));
        } catch (NumberFormatException e) {
            problems.add("page: '" + page + "' is not a page number");
        }
        Instant since = now.minus(RECENT);
        Set<MetricId> onStage = stageOf;
        List<Alert> matching = urgentFirst.stream()
                .filter(a -> wanted != null ? a.state() == wanted : a.active() || !a.since().isBefore(since))
                .filter(a -> level == null || a.severity() == level)
                .filter(a -> onStage == null || a.subject().metrics().stream().anyMatch(onStage::contains))
                .toList();
        int pages = Math.max(1, (matching.size() + PAGE - 1) / PAGE);
        int current = Math.min(asked, pages);
        List<Alert> shown = matching.subList((current - 1) * PAGE, Math.min(matching.size(), current * PAGE));
        return new AlertListing(List.copyOf(shown), matching.size(), current, pages,
                new Filter(wanted == null ? "" : wanted.name(), level == null ? "" : level.label(), onStage == null ? "" : stage.strip()),
                List.copyOf(problems));
    }

    private static <E extends Enum<E>> E parse(String value, String key, Class<E> type, List<String> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(key + ": '" + value + "' is not one of " + String.join(", ",
                    java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
            return null;
        }
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages;
    }
}
