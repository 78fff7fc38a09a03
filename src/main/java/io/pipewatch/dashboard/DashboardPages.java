package io.pipewatch.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.alert.Alert;
import io.pipewatch.alert.AlertQueries;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.config.Wall;
import io.pipewatch.incident.Incident;
import io.pipewatch.incident.IncidentQueries;
import io.pipewatch.notify.delivery.DeliveryQueries;
import io.pipewatch.notify.delivery.DeliveryStatus;
import io.pipewatch.security.LoginMechanism;
import io.pipewatch.security.Roles;
import io.pipewatch.signal.SourceQueries;
import io.pipewatch.silence.Silence;
import io.pipewatch.silence.SilenceQueries;
import io.pipewatch.signal.SourceStatus;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.UncheckedIOException;
import io.pipewatch.config.ScaledClock;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The HTML pages: the index of dashboards with active alerts, and one page per dashboard. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class DashboardPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<DashboardDefinition> dashboards, List<IncidentRow> incidents, List<ActiveAlert> alerts,
                AlertListing listing, List<StageChoice> stages, List<SourceStatus> sources, List<DeliveryStatus> deliveries,
                List<Silence> silences, List<DeliveryQueries.FailedDelivery> failed, String mode, Viewer viewer, PageTime wallTime,
                long historyReads, long historyShared);

        static native TemplateInstance dashboard(DashboardDefinition dashboard, List<StageView> stages,
                List<SourceStatus> sources, Window window);
    }

    /**
     * The window the page shows, as the URL wrote it ({@code from}, {@code to}) and as instants, with the presets
     * offered; {@code error} says why the URL's window was refused (the default is shown instead).
     */
    public record Window(String from, String to, TimeRange range, List<Preset> presets, String error, boolean still,
            boolean kiosk) {

        /** Follows live: the window ends now and the page was not asked to stay still ({@code ?live=false}). */
        public boolean follow() {
            return range.live() && !still;
        }
    }

    /** A preset window: its label and its {@code from} (to now). */
    public record Preset(String label, String from, boolean current) {
    }

    private static final List<String[]> PRESETS = List.of(new String[] {"5 m", "now-5m"}, new String[] {"15 m", "now-15m"},
            new String[] {"30 m", "now-30m"}, new String[] {"1 h", "now-1h"}, new String[] {"3 h", "now-3h"},
            new String[] {"12 h", "now-12h"}, new String[] {"24 h", "now-24h"}, new String[] {"3 d", "now-3d"},
            new String[] {"7 d", "now-7d"});

    /** A stage with its panels' chart settings as JSON and the alarms that watch it. */
    public record StageView(Stage stage, List<PanelView> panels, List<AlarmRow> alarms) {
    }

    public record PanelView(Panel panel, String json) {
    }

    /** An alarm beside a chart: its definition's words, its alert's current state and what is predicted for it. */
    public record AlarmRow(String id, String name, String condition, String severity, String state, String runbook,
            String impact) {
    }

    /** Open incidents and the newest resolved ones, on the index page; the API has the rest. */
    static final int SHOWN_INCIDENTS = 10;

    private final DashboardCatalog catalog;
    private final IncidentQueries incidents;
    private final DashboardAlerts alerts;
    private final AlertQueries tracker;
    private final SourceQueries loop;
    private final PipewatchConfig config;
    private final ObjectMapper json;
    /** Read-only ports: the index shows delivery and silences, and can change neither. */
    private final DeliveryQueries delivery;
    private final SilenceQueries silences;
    private final Clock wall;
    private final ScaledClock evaluation;
    private final io.pipewatch.signal.HistoryCache history;
    private final SecurityIdentity identity;

    public DashboardPages(DashboardCatalog catalog, DashboardAlerts alerts, AlertQueries tracker, SourceQueries loop,
            PipewatchConfig config, ObjectMapper json, DeliveryQueries delivery, SilenceQueries silences, @Wall Clock wall,
            ScaledClock evaluation, SecurityIdentity identity, IncidentQueries incidents, io.pipewatch.signal.HistoryCache history) {
        this.history = history;
        this.incidents = incidents;
        this.evaluation = evaluation;
        this.identity = identity;
        this.delivery = delivery;
        this.silences = silences;
        this.wall = wall;
        this.catalog = catalog;
        this.alerts = alerts;
        this.tracker = tracker;
        this.loop = loop;
        this.config = config;
        this.json = json;
    }

    /** Who is looking, so the page offers only what they may do; {@code loggedIn} is false in auth mode none. */
    public record Viewer(String name, boolean loggedIn, boolean canRespond) {
    }

    /**
     * An active alert on the index page, with the silence that keeps it from being sent, if one does, and
     * the time on the clock its times were read from: CloudWatch's reports carry wall time, Pipewatch's
     * own evaluations the demo's (which tests and impatient users run faster than the wall).
     */
    public record ActiveAlert(Alert alert, Silence silencedBy, PageTime time) {
    }

    /** An incident on the index page, with the time its alert times were read on. */
    public record IncidentRow(Incident incident, PageTime time) {
    }

    /** "Now" on one clock when the page was made, and how fast that clock runs, for times shown relative to it. */
    public record PageTime(Instant now, double speed) {
    }

    /** A stage to filter the index by: its id and a name a person recognises. */
    public record StageChoice(String id, String title) {
    }

    @GET
    public TemplateInstance index(@jakarta.ws.rs.QueryParam("state") String state,
            @jakarta.ws.rs.QueryParam("severity") String severity, @jakarta.ws.rs.QueryParam("stage") String stage,
            @jakarta.ws.rs.QueryParam("page") String page) {
        Instant now = wall.instant();
        PageTime wallTime = new PageTime(now, 1);
        PageTime evaluated = new PageTime(evaluation.instant(), evaluation.speed());
        AlertListing listing = AlertListing.of(tracker.all(), state, severity, stage, page, now, this::stageMetrics);
        List<ActiveAlert> active = listing.shown().stream()
                .map(a -> new ActiveAlert(a, silences.silencing(a, now).orElse(null),
                        a.source().equals(Alert.CLOUDWATCH) ? wallTime : evaluated)).toList();
        List<StageChoice> stages = catalog.all().stream().flatMap(d -> d.stages().stream())
                .map(s -> new StageChoice(s.id(), s.title())).distinct().toList();
        List<Silence> current = silences.all().stream().filter(s -> s.endsAt().isAfter(now)).toList();
        List<IncidentRow> shown = incidents.newest(SHOWN_INCIDENTS).stream()
                .map(i -> new IncidentRow(i, evaluated)).toList();
        return Templates.index(catalog.all(), shown, active, listing, stages, loop.statuses(), delivery.status(), current,
                delivery.failedDeliveries(), config.mode().name().toLowerCase(), viewer(), wallTime, history.reads(), history.shared());
    }

    /** What a stage charts, and what Pipewatch forecasts for it: the alerts on those metrics are the stage's. */
    private java.util.Set<io.pipewatch.signal.MetricId> stageMetrics(String stageId) {
        return catalog.all().stream().flatMap(d -> d.stages().stream()).filter(s -> s.id().equals(stageId)).findFirst()
                .map(s -> {
                    var metrics = new java.util.HashSet<>(DashboardDefinition.metricsOf(s));
                    alerts.alarmsOf(s).forEach(a -> metrics.addAll(a.metrics()));
                    return (java.util.Set<io.pipewatch.signal.MetricId>) metrics;
                }).orElse(java.util.Set.of());
    }

    private Viewer viewer() {
        String name = identity.getPrincipal().getName();
        return new Viewer(name, !identity.isAnonymous() && !name.equals(LoginMechanism.ANONYMOUS), Roles.canRespond(identity));
    }

    @GET
    @Path("dashboards/{id}")
    @Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
    public byte[] dashboard(@PathParam("id") String id, @jakarta.ws.rs.QueryParam("from") String from,
            @jakarta.ws.rs.QueryParam("to") String to, @jakarta.ws.rs.QueryParam("live") String live,
            @jakarta.ws.rs.QueryParam("kiosk") String kiosk) {
        DashboardDefinition dashboard = catalog.byId(id).orElseThrow(() -> new NotFoundException("no dashboard " + id));
        // ?live=false renders once and opens no update stream (screenshots, headless browsers); ?kiosk hides controls.
        Window window = window(from, to, "false".equalsIgnoreCase(live), kiosk != null && !"false".equalsIgnoreCase(kiosk));
        long fromMs = window.range().from().toEpochMilli();
        long toMs = window.range().to().toEpochMilli();
        // Read before rendering: a change while rendering leaves the kept page older than its version says, never newer.
        long alertVersion = tracker.version();
        List<SourceStatus> sources = loop.statuses();
        // As the URL spelled it: a refused window shows why, in its own words.
        PageRequest request = new PageRequest(id, from, to, live, kiosk);
        RenderedDashboard kept = rendered.get(request);
        if (kept != null && kept.renderedFrom(dashboard, alertVersion, sources)) {
            return kept.showing(fromMs, toMs);
        }
        List<StageView> stages = dashboard.stages().stream().map(s -> {
            var alarms = alerts.alarmsOf(s);
            return new StageView(s, s.panels().stream().map(p -> new PanelView(p, toJson(p, alarms))).toList(),
                    alarms.stream().map(this::row).toList());
        }).toList();
        String html = Templates.dashboard(dashboard, stages, sources, window).render();
        RenderedDashboard page = RenderedDashboard.of(dashboard, alertVersion, sources, html, fromMs, toMs);
        keep(rendered, PAGES_KEPT, request, page);
        return page.showing(fromMs, toMs);
    }

    /** What of a dashboard request decides its page, besides the alerts and sources: the dashboard and the window asked. */
    private record PageRequest(String dashboard, String from, String to, String live, String kiosk) {
    }

    /** Pages kept per request; bounded, since the window is whatever the URL says (the presets are nine per dashboard). */
    private final java.util.Map<PageRequest, RenderedDashboard> rendered = new java.util.concurrent.ConcurrentHashMap<>();
    static final int PAGES_KEPT = 100;

    /** How many rendered pages and panels' JSON are kept now: bounded, whatever windows are asked for. */
    int kept() {
        return rendered.size() + panelJson.size();
    }

    /** The URL's window, or the last 30 minutes with the reason when the URL's is not one. */
    private Window window(String from, String to, boolean still, boolean kiosk) {
        String f = from == null || from.isBlank() ? TimeRange.DEFAULT_FROM : from.strip();
        String t = to == null || to.isBlank() ? "now" : to.strip();
        String error = null;
        TimeRange range;
        try {
            range = TimeRange.parse(f, t, evaluation.instant());
        } catch (IllegalArgumentException e) {
            error = e.getMessage();
            f = TimeRange.DEFAULT_FROM;
            t = "now";
            range = TimeRange.parse(f, t, evaluation.instant());
        }
        String shown = f;
        boolean live = range.live();
        List<Preset> presets = PRESETS.stream().map(p -> new Preset(p[0], p[1], live && p[1].equals(shown))).toList();
        return new Window(f, t, range, presets, error, still, kiosk);
    }

    private AlarmRow row(io.pipewatch.rule.AlarmDefinition alarm) {
        var alert = tracker.get(alarm.id());
        return new AlarmRow(alarm.id(), alarm.name(), alarm.condition(), alarm.severity().label(),
                alert.map(a -> a.state().name()).orElse("INSUFFICIENT_DATA"),
                alert.map(Alert::runbook).orElse(alarm.runbook()),
                alert.map(a -> a.status().impact()).map(io.pipewatch.alert.Impact::text).orElse(null));
    }

    /** A panel's JSON depends only on the panel and its stage's alarms, both of the loaded definitions. */
    private record PanelKey(Panel panel, List<io.pipewatch.rule.AlarmDefinition> alarms) {
    }

    /** Panels written to JSON once, not per view; bounded, since discovery may replace stages and their panels. */
    private final java.util.Map<PanelKey, String> panelJson = new java.util.concurrent.ConcurrentHashMap<>();
    static final int PANELS_KEPT = 2_000;

    /** The panel as its chart reads it: its lines, and the alarms that watch them with their thresholds on its scale. */
    private String toJson(Panel panel, List<io.pipewatch.rule.AlarmDefinition> alarms) {
        PanelKey key = new PanelKey(panel, alarms);
        String kept = panelJson.get(key);
        if (kept != null) {
            return kept;
        }
        String written = writePanel(panel, alarms);
        keep(panelJson, PANELS_KEPT, key, written);
        return written;
    }

    /** Keeps the value, forgetting everything kept once the bound is reached: what is still asked for comes back at once. */
    private static <K, V> void keep(java.util.Map<K, V> kept, int bound, K key, V value) {
        if (kept.size() >= bound) {
            kept.clear();
        }
        kept.put(key, value);
    }

    private String writePanel(Panel panel, List<io.pipewatch.rule.AlarmDefinition> alarms) {
        try {
            var node = json.valueToTree(panel);
            ((com.fasterxml.jackson.databind.node.ObjectNode) node).set("alarms", json.valueToTree(PanelAlarms.of(panel, alarms)));
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
