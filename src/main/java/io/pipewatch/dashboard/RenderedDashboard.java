package io.pipewatch.dashboard;

import io.pipewatch.signal.SourceStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A dashboard page as rendered, with what it was rendered from: served again while none of that changed, since
 * viewers (and wall screens reloading) ask far more often than alerts or sources change. The window's ends in
 * milliseconds move with every request of a live window; the page is kept as UTF-8 in three pieces around them, so
 * a request costs two numbers and one copy, not a render or a string search.
 *
 * @param dashboard the definition rendered, compared by identity: discovery or a reload replaces it
 * @param alertVersion the alerts' version it showed ({@link io.pipewatch.alert.AlertQueries#version})
 * @param sources the source statuses in its header
 */
record RenderedDashboard(DashboardDefinition dashboard, long alertVersion, List<SourceStatus> sources, byte[] head,
        byte[] middle, byte[] tail) {

    static final String FROM_MS = "data-from-ms=\"";
    static final String TO_MS = "data-to-ms=\"";

    /** The page as rendered for the window's ends {@code fromMs} and {@code toMs}, which it shows once each. */
    static RenderedDashboard of(DashboardDefinition dashboard, long alertVersion, List<SourceStatus> sources, String html,
            long fromMs, long toMs) {
        int from = html.indexOf(FROM_MS + fromMs + "\"");
        int to = html.indexOf(TO_MS + toMs + "\"", from);
        if (from < 0 || to < 0) {
            throw new IllegalStateException("the dashboard template no longer writes " + FROM_MS + " and " + TO_MS + " in that order");
        }
        int afterFrom = from + FROM_MS.length() + Long.toString(fromMs).length();
        int afterTo = to + TO_MS.length() + Long.toString(toMs).length();
        return new RenderedDashboard(dashboard, alertVersion, sources, utf8(html.substring(0, from + FROM_MS.length())),
                utf8(html.substring(afterFrom, to + TO_MS.length())), utf8(html.substring(afterTo)));
    }

    boolean renderedFrom(DashboardDefinition now, long alertsNow, List<SourceStatus> sourcesNow) {
        return dashboard == now && alertVersion == alertsNow && sources.equals(sourcesNow);
    }

    /** The page for a window that now ends at these instants. */
    byte[] showing(long fromMs, long toMs) {
        byte[] from = Long.toString(fromMs).getBytes(StandardCharsets.US_ASCII);
        byte[] to = Long.toString(toMs).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + from.length + middle.length + to.length + tail.length];
        int at = 0;
        for (byte[] part : new byte[][] {head, from, middle, to, tail}) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
