package io.pipewatch.ops;

import io.pipewatch.config.DefinitionProblem;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.dashboard.DashboardCatalog;
import io.pipewatch.notify.delivery.NotificationDispatcher;
import io.pipewatch.notify.receivers.NotifierProducer;
import io.pipewatch.notify.route.Routes;
import io.pipewatch.notify.receivers.SlackReceivers;
import io.pipewatch.rule.AlarmCatalog;
import io.pipewatch.security.AuthConfig;
import io.pipewatch.security.AuthMode;
import io.pipewatch.security.AuthProblems;
import io.pipewatch.security.EffectiveAuthMode;
import io.pipewatch.signal.PollLoop;
import io.quarkus.logging.Log;
import io.pipewatch.replica.Leadership;
import io.quarkus.runtime.PreventFurtherStepsException;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServerStart;
import io.quarkus.vertx.http.HttpsServerStart;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Refuses to run on bad configuration or definitions: every problem is printed on one line
 * (file:line:column: key: message), all at once, without a stack trace, and the process exits
 * with status 2 before the HTTP port opens. When everything is valid it starts the poll loop and delivery, once this
 * replica leads (at once with the embedded store); a replica deposed as leader exits with status 3.
 */
@jakarta.enterprise.context.ApplicationScoped
public class StartupCheck {

    static final int INVALID_CONFIGURATION = 2;
    /** The exit status of a replica that lost its lease. */
    static final int LOST_LEASE = 3;

    void onStart(@Observes StartupEvent event, PipewatchConfig config, AuthConfig auth, AlarmCatalog alarms,
            DashboardCatalog dashboards, PollLoop loop, jakarta.enterprise.inject.Instance<NotificationDispatcher> dispatcher,
            Leadership leadership) {
        List<String> problems = problems(config, alarms, dashboards);
        problems.addAll(AuthProblems.of(auth, config.mode(), org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.oidc.auth-server-url", String.class)));
        if (!problems.isEmpty()) {
            throw refusal(problems);
        }
        Log.infof("Pipewatch %s mode: %d alarm(s), %d dashboard(s); links to %s", config.mode().name().toLowerCase(),
                alarms.all().size(), dashboards.all().size(), config.publicUrl());
        announceLogin(config, auth);
        if (SlackReceivers.anyApp(config) && config.slack().signingSecret().filter(s -> !s.isBlank()).isEmpty()) {
            Log.warn("A Slack app receiver is configured without PIPEWATCH_SLACK_SIGNING_SECRET: its Acknowledge and Silence"
                    + " buttons are refused (401) until it is set");
        }
        leadership.whenDeposed(reason -> {
            // Crash-only: whatever this replica started as leader stops with the process; its supervisor starts it
            // afresh as a follower, and nothing it still tries reaches the outbox or a receiver (the store fences it).
            Log.errorf("Exiting (status %d) so that this replica restarts as a follower: %s", LOST_LEASE, reason);
            Quarkus.asyncExit(LOST_LEASE);
        });
        started = true;
        duties.checksPassed(() -> leadership.whenLeading(() -> lead(dashboards, loop, dispatcher)));
    }

    /**
     * The leader's duties begin once the checks passed and the port is open, not during the start: on two cores, the
     * store starting, the restore and the first poll beside Quarkus's own start delayed the port opening
     * (docs/performance.md, "Start-up and memory"). Quarkus announces an open server asynchronously ({@link DutiesGate}
     * begins them when both happened); HTTP or HTTPS alone is enough.
     */
    void onListening(@ObservesAsync HttpServerStart listening) {
        duties.listening();
    }

    void onListening(@ObservesAsync HttpsServerStart listening) {
        duties.listening();
    }

    private final DutiesGate duties = new DutiesGate();

    /** The leader's duties: discovery, polling (and with it evaluation and stream tailing), then delivery. */
    private static void lead(DashboardCatalog dashboards, PollLoop loop,
            jakarta.enterprise.inject.Instance<NotificationDispatcher> dispatcher) {
        dashboards.startDiscovery();
        loop.start();
        // Off the start-up path: restoring what the store holds (groups' logs, alerts, silences, the outbox) waits for
        // the store, which in demo mode is still starting; the port opens meanwhile, and pages wait for the restore.
        // Looked up only now: building it builds the notifiers, whose configuration the checks above vouched for.
        Thread restore = new Thread(() -> {
            try {
                dispatcher.get().start();
            } catch (RuntimeException e) {
                Log.errorf(e, "Delivery did not start");
            }
        }, "pipewatch-restore");
        restore.setDaemon(true);
        restore.start();
    }

    private volatile boolean started;

    /** Whether the checks passed and the service's loops were started. */
    public boolean started() {
        return started;
    }

    /**
     * Stops the start here, before the HTTP server listens (Quarkus.asyncExit would let it open the port
     * first). Quarkus prints a failed start whose root cause is a {@link PreventFurtherStepsException} as
     * its bare message, without a stack trace, and exits with its status; it is wrapped because a start
     * step that throws one directly is stopped silently and the process then waits forever.
     */
    private static IllegalStateException refusal(List<String> problems) {
        return new IllegalStateException("Pipewatch cannot start", new PreventFurtherStepsException(
                "Pipewatch cannot start: " + problems.size() + " problem(s)\n" + String.join("\n", problems),
                INVALID_CONFIGURATION));
    }

    /** {@code none} is fine for a demo on a laptop; anywhere else it must never go unnoticed. */
    private static void announceLogin(PipewatchConfig config, AuthConfig auth) {
        AuthMode mode = EffectiveAuthMode.of(auth, config.mode()).orElse(AuthMode.NONE);
        if (mode != AuthMode.NONE) {
            Log.infof("Login: %s", mode.key());
        } else if (config.mode() == PipewatchConfig.Mode.AWS) {
            Log.warn("Login: none (PIPEWATCH_AUTH_MODE=none): anyone who reaches this port can acknowledge and silence "
                    + "alerts; put Pipewatch behind something that authenticates, or choose basic, oidc or proxy");
        } else {
            Log.info("Login: none (demo mode): anyone who reaches this port may act; see README \"Security\"");
        }
    }

    static List<String> problems(PipewatchConfig config, AlarmCatalog alarms, DashboardCatalog dashboards) {
        List<String> problems = new ArrayList<>();
        alarms.problems().all().stream().map(DefinitionProblem::toString).forEach(problems::add);
        dashboards.problems().all().stream().map(DefinitionProblem::toString).forEach(problems::add);
        problems.addAll(SlackReceivers.problems(config));
        Set<String> receivers = new HashSet<>(config.receivers().keySet());
        receivers.add(NotifierProducer.DEFAULT_RECEIVER);
        try {
            Routes.from(config, receivers);
        } catch (IllegalArgumentException e) {
            problems.addAll(List.of(e.getMessage().split("\n")));
        }
        String mode = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("pipewatch.mode", String.class).orElse("demo");
        if (!mode.equals("demo") && !mode.equals("aws")) {
            problems.add("pipewatch.mode (PIPEWATCH_MODE): '" + mode + "' is not demo or aws (lower case)");
        }
        org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue(io.pipewatch.aws.dynamodb.DynamoDbClients.ENDPOINT_VARIABLE, String.class)
                .flatMap(io.pipewatch.aws.dynamodb.DynamoDbClients::endpointProblem).ifPresent(problems::add);
        if (!config.publicUrl().matches("https?://[^/\\s]+.*")) {
            problems.add("pipewatch.public-url (PIPEWATCH_PUBLIC_URL): must be an http(s) URL, such as http://localhost:8080");
        }
        for (var alarm : alarms.all()) {
            alarm.dashboard().filter(id -> dashboards.byId(id).isEmpty()).ifPresent(id -> problems.add(
                    alarm.file() + ": alarm '" + alarm.name() + "': dashboard: no dashboard '" + id + "' in "
                            + config.dashboardsDir()));
        }
        return problems;
    }
}
