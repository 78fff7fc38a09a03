package io.pipewatch.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The package rule of docs/architecture.md, checked on the compiled main classes: the data flows one way
 * (source → signal → rule → alert → silence → notify; dashboard and ops read beside it), no two packages
 * depend on each other, and the AWS SDK stays in the adapters. A new arrow against the flow fails here.
 */
class ArchitectureTest {

    private static final String ROOT = "io.pipewatch";
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(**)").namingSlices("$1").should().beFreeOfCycles().check(main);
    }

    /** Each rule: a package, and the packages it must never depend on (they are downstream of it, or beside it). */
    static Stream<Arguments> arrowsAgainstTheFlow() {
        return Stream.of(
                Arguments.of("config", new String[] {"source", "signal", "rule", "alert", "incident", "silence", "notify", "dashboard",
                        "ops", "alarmcode", "store", "security"}),
                Arguments.of("security", new String[] {"source", "signal", "rule", "alert", "incident", "silence", "notify",
                        "dashboard", "ops", "alarmcode", "store"}),
                Arguments.of("source", new String[] {"rule", "alert", "incident", "silence", "notify", "dashboard", "ops", "alarmcode",
                        "store"}),
                Arguments.of("signal", new String[] {"source", "rule", "alert", "incident", "silence", "notify", "dashboard", "ops",
                        "alarmcode", "store"}),
                Arguments.of("rule", new String[] {"alert", "incident", "silence", "notify", "dashboard", "ops", "store"}),
                Arguments.of("alert", new String[] {"incident", "silence", "notify", "dashboard", "ops", "alarmcode", "store"}),
                // Incidents are formed from alerts; the dashboards describe the pipelines through the port incident.Pipelines.
                Arguments.of("incident", new String[] {"silence", "notify", "dashboard", "ops", "alarmcode", "store"}),
                Arguments.of("silence", new String[] {"incident", "notify", "dashboard", "ops", "alarmcode", "store"}),
                Arguments.of("notify", new String[] {"rule", "dashboard", "ops", "alarmcode", "store"}),
                Arguments.of("dashboard", new String[] {"ops", "alarmcode", "store"}),
                Arguments.of("ops", new String[] {"store"}),
                // The store implements the ports of the packages it serves; it serves no page and no command.
                Arguments.of("store", new String[] {"dashboard", "ops", "alarmcode", "security"}),
                Arguments.of("aws", new String[] {"source", "signal", "rule", "alert", "incident", "silence", "notify", "dashboard",
                        "ops", "alarmcode", "store", "security", "replica"}),
                // Who leads is decided beside the flow, from the lease alone: the flow asks it, it asks nothing of the flow.
                Arguments.of("replica", new String[] {"source", "signal", "rule", "alert", "incident", "silence", "notify",
                        "dashboard", "ops", "alarmcode", "store", "security", "aws"}),
                Arguments.of("alarmcode", new String[] {"source", "incident", "silence", "notify", "dashboard", "ops", "store"}));
    }

    /**
     * Time is injected: outside the clock and ticker adapters (and the embedded DynamoDB Local, which times its own
     * start for the log), no class reads the wall clock or sleeps, so every decision can be tested on a manual clock.
     */
    @Test
    void timeIsInjected() {
        noClasses().that().doNotHaveFullyQualifiedName(ROOT + ".config.ClockProducer")
                .and().doNotHaveFullyQualifiedName(ROOT + ".config.Ticker")
                .and().doNotHaveFullyQualifiedName(ROOT + ".config.Ticker$1")
                .and().resideOutsideOfPackage(ROOT + ".aws.dynamodb..")
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.Clock.class, "systemUTC")
                .orShould().callMethod(java.time.Clock.class, "systemDefaultZone")
                .orShould().callMethod(Thread.class, "sleep", long.class)
                .orShould().callMethod(java.util.concurrent.TimeUnit.class, "sleep", long.class)
                .check(main);
    }

    /** Only adapters speak AWS: the store, the sources, alarms as code, and the shared clients in {@code aws}. */
    @Test
    void theAwsSdkStaysInTheAdapters() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".store..", ROOT + ".source.cloudwatch..", ROOT + ".source.streams..",
                        ROOT + ".source.sns..", ROOT + ".source.demo..", ROOT + ".alarmcode..", ROOT + ".aws..")
                .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..").check(main);
    }

    /**
     * Pages and delivery read alerts, incidents and sources through read-only query ports ({@code alert.AlertQueries},
     * {@code incident.IncidentQueries}, {@code signal.SourceQueries}), never through the classes that change them; only the start-up check,
     * which starts polling, holds the poll loop itself.
     */
    @Test
    void pagesAndDeliveryReadThroughQueryPorts() {
        noClasses().that().resideInAnyPackage(ROOT + ".dashboard..", ROOT + ".notify..", ROOT + ".ops..")
                .and().doNotHaveFullyQualifiedName(ROOT + ".ops.StartupCheck")
                .should().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".alert.AlertTracker")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".incident.IncidentTracker")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".signal.PollLoop")
                .check(main);
    }

    /**
     * Ports that a package declares for the adapters that serve it: implementing one is the allowed way for an
     * upstream package to serve a downstream one (sources find a dashboard stage's resources). Its nested
     * types (the query it takes, the answer it gives) come with it.
     */
    private static final Set<String> PORTS = Set.of(ROOT + ".dashboard.ResourceDiscovery");

    @ParameterizedTest(name = "{0} never depends on {1}")
    @MethodSource("arrowsAgainstTheFlow")
    void theDataFlowsOneWay(String from, String[] never) {
        DescribedPredicate<JavaClass> downstream = JavaClass.Predicates.resideInAnyPackage(
                Stream.of(never).map(p -> ROOT + "." + p + "..").toArray(String[]::new));
        DescribedPredicate<JavaClass> port = DescribedPredicate.describe("a declared port",
                c -> PORTS.stream().anyMatch(p -> c.getName().equals(p) || c.getName().startsWith(p + "$")));
        ArchRule rule = noClasses().that().resideInAPackage(ROOT + "." + from + "..")
                .should().dependOnClassesThat(downstream.and(DescribedPredicate.not(port)));
        rule.check(main);
    }
}
