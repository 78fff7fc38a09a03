package io.pipewatch.notify.route;

import static io.pipewatch.testing.TestAlerts.alert;
import static io.pipewatch.testing.TestAlerts.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.alert.Acknowledgement;
import io.pipewatch.alert.Alert;
import io.pipewatch.alert.AlertState;
import io.pipewatch.alert.Matcher;
import io.pipewatch.notify.GroupNotification;
import io.pipewatch.rule.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Grouping, dedup, reminders, silences and restarts, on explicit instants: nothing waits for real time. */
class AlertGroupsTest {

    private static final Instant T0 = Instant.parse("2026-12-03T03:00:00Z");
    private static final Map<String, String> PIPELINE = Map.of("team", "pipeline");
    private static final Route DEFAULT = new Route("default", List.of(), "slack", List.of("team"), Duration.ofSeconds(30),
            Duration.ofMinutes(5), Duration.ofHours(4));

    private final Set<String> silencedIds = new HashSet<>();
    private final Map<String, AlertGroups.LogEntry> log = new HashMap<>();

    private AlertGroups groups(Route... routes) {
        List<Route> all = new java.util.ArrayList<>(List.of(routes));
        all.add(DEFAULT);
        return new AlertGroups(new Routes(all), (a, now) -> silencedIds.contains(a.id()), log, Alert::dashboard);
    }

    private static Alert firing(String id, Instant at) {
        return alert(id, AlertState.FIRING, Severity.CRITICAL, at, PIPELINE);
    }

    /** Flushes due at {@code at}, remembering their log as the outbox transaction would. */
    private List<AlertGroups.Flush> due(AlertGroups groups, Instant at) {
        List<AlertGroups.Flush> out = groups.due(at);
        out.forEach(f -> log.put(f.log().groupKey(), f.log()));
        return out;
    }

    @Test
    void alertsArrivingWithinTheGroupWaitMakeOneMessage() {
        var groups = groups();
        groups.offer(firing("a", T0), T0);
        groups.offer(firing("b", T0.plusSeconds(10)), T0.plusSeconds(10));
        assertEquals(List.of(), due(groups, T0.plusSeconds(29)), "still waiting for company");
        var flushes = due(groups, T0.plusSeconds(30));
        assertEquals(1, flushes.size());
        assertEquals(List.of("a", "b"), flushes.get(0).notification().firing().stream().map(Alert::id).toList());
        assertEquals(Map.of("team", "pipeline"), flushes.get(0).notification().groupLabels());
    }

    @Test
    void afterAMessageANewFiringWaitsOnlyTheGroupWaitAndNothingNewSendsNothing() {
        var groups = groups();
        groups.offer(firing("a", T0), T0);
        long first = due(groups, T0.plusSeconds(30)).get(0).log().seq();
        groups.offer(firing("a", T0), T0.plusSeconds(60));
        assertEquals(List.of(), due(groups, T0.plus(Duration.ofMinutes(6))), "the same firing is not news");
        Instant bFires = T0.plus(Duration.ofMinutes(7));
        groups.offer(firing("b", bFires), bFires);
        assertEquals(List.of(), due(groups, bFires.plusSeconds(29)), "company may still come within the group wait");
        var next = due(groups, bFires.plusSeconds(30));
        assertEquals(1, next.size(), "not at the next group interval (03:10:30): a page is never late by it");
        assertEquals(2, next.get(0).notification().firing().size(), "the message lists the whole group");
        assertEquals(first + 1, next.get(0).log().seq());
        assertTrue(next.get(0).key().endsWith("#" + (first + 1)), next.get(0).key());
    }

    @Test
    void aResolutionWaitsForTheGroupInterval() {
        var groups = groups();
        Alert a = firing("a", T0);
        groups.offer(a, T0);
        due(groups, T0.plusSeconds(30));
        groups.offer(in(a, AlertState.RESOLVED, T0.plusSeconds(60)), T0.plusSeconds(60));
        assertEquals(List.of(), due(groups, T0.plusSeconds(329)), "resolutions are not urgent");
        assertEquals(List.of("a"), due(groups, T0.plusSeconds(330)).get(0).notification().resolved().stream()
                .map(Alert::id).toList());
    }

    @Test
    void aResolutionIsOwedForEveryFiringEvenOneThatEndedBeforeItsGroupSpoke() {
        var groups = groups();
        Alert a = firing("a", T0);
        groups.offer(a, T0);
        Alert brief = firing("brief", T0);
        groups.offer(brief, T0);
        groups.offer(in(brief, AlertState.RESOLVED, T0.plusSeconds(5)), T0.plusSeconds(5));
        var first = due(groups, T0.plusSeconds(30)).get(0).notification();
        assertEquals(List.of("a"), first.firing().stream().map(Alert::id).toList());
        assertEquals(List.of("brief"), first.resolved().stream().map(Alert::id).toList(),
                "it fired: someone must hear of it, if only as resolved after 5 s");
        groups.offer(in(a, AlertState.RESOLVED, T0.plusSeconds(60)), T0.plusSeconds(60));
        var second = due(groups, T0.plusSeconds(330)).get(0).notification();
        assertEquals(List.of("a"), second.resolved().stream().map(Alert::id).toList(), "brief is not told twice");
        assertEquals(0, groups.groupCount(), "an empty group is dropped");
    }

    @Test
    void aFiringThatEndedBetweenTwoMessagesIsNamedInTheNext() {
        var groups = groups();
        groups.offer(firing("a", T0), T0);
        due(groups, T0.plusSeconds(30));
        Alert late = firing("late", T0.plusSeconds(120));
        groups.offer(late, T0.plusSeconds(120));
        groups.offer(in(late, AlertState.RESOLVED, T0.plusSeconds(140)), T0.plusSeconds(140));
        var next = due(groups, T0.plusSeconds(150)).get(0).notification();
        assertEquals(List.of("late"), next.resolved().stream().map(Alert::id).toList());
        assertEquals(List.of(), due(groups, T0.plus(Duration.ofMinutes(20))), "and only once");
    }

    @Test
    void aSilencedFiringThatEndedUnheardStaysUnheard() {
        var groups = groups();
        Alert quiet = firing("quiet", T0);
        silencedIds.add("quiet");
        groups.offer(quiet, T0);
        groups.offer(in(quiet, AlertState.RESOLVED, T0.plusSeconds(10)), T0.plusSeconds(10));
        assertEquals(List.of(), due(groups, T0.plusSeconds(30)));
    }

    @Test
    void remindersComeAfterTheRepeatIntervalUnlessAcknowledged() {
        var groups = groups();
        Alert a = firing("a", T0);
        groups.offer(a, T0);
        due(groups, T0.plusSeconds(30));
        Instant later = T0.plus(Duration.ofHours(4)).plusSeconds(30);
        var reminder = due(groups, later);
        assertEquals(1, reminder.size());
        assertTrue(reminder.get(0).notification().repeat());

        groups.offer(a.acknowledged(new Acknowledgement("ana", "on it", later)), later);
        assertEquals(List.of(), due(groups, later.plus(Duration.ofHours(5))), "acknowledged: no more reminders");
        groups.offer(in(a, AlertState.RESOLVED, later.plus(Duration.ofHours(6))), later.plus(Duration.ofHours(6)));
        assertEquals(1, due(groups, later.plus(Duration.ofHours(7))).get(0).notification().resolved().size(),
                "the resolution is still sent");
    }

    @Test
    void aSilencedAlertIsNotSentUntilTheSilenceEnds() {
        var groups = groups();
        silencedIds.add("a");
        groups.offer(firing("a", T0), T0);
        assertEquals(List.of(), due(groups, T0.plusSeconds(30)));
        silencedIds.clear();
        var after = due(groups, T0.plusSeconds(330));
        assertEquals(List.of("a"), after.get(0).notification().firing().stream().map(Alert::id).toList());
    }

    @Test
    void aRestartWithTheLogNeitherRepeatsTheFiringNorForgetsTheResolution() {
        var before = groups();
        Alert a = firing("a", T0);
        before.offer(a, T0);
        long first = due(before, T0.plusSeconds(30)).get(0).log().seq();

        var after = groups(); // a new run: the same log, the tracker's restored alerts offered again
        after.offer(a, T0.plusSeconds(100));
        assertEquals(List.of(), due(after, T0.plusSeconds(130)), "already announced before the restart");
        after.offer(in(a, AlertState.RESOLVED, T0.plusSeconds(200)), T0.plusSeconds(200));
        var resolved = due(after, T0.plusSeconds(430));
        assertEquals(List.of("a"), resolved.get(0).notification().resolved().stream().map(Alert::id).toList());
        assertEquals(first + 1, resolved.get(0).log().seq(), "the log's count goes on");
    }

    @Test
    void aGroupWhoseLogIsGoneDoesNotReuseTheKeysOfAnEarlierIncident() {
        var first = groups();
        first.offer(firing("a", T0), T0);
        String earlier = due(first, T0.plusSeconds(30)).get(0).key();
        log.clear(); // expired, or not readable at the restart
        var later = groups();
        Instant nextDay = T0.plus(Duration.ofDays(1));
        later.offer(firing("a", nextDay), nextDay);
        String key = due(later, nextDay.plusSeconds(30)).get(0).key();
        assertTrue(!key.equals(earlier), "the outbox would drop " + key + " as a repeat of " + earlier);
    }

    @Test
    void anAnnouncedAlarmThatFlapsAndEndsResolvedWithinAnIntervalIsStillResolved() {
        var groups = groups();
        Alert a = firing("a", T0);
        groups.offer(a, T0);
        due(groups, T0.plusSeconds(30));
        Alert again = in(in(a, AlertState.RESOLVED, T0.plusSeconds(40)), AlertState.FIRING, T0.plusSeconds(50));
        groups.offer(again, T0.plusSeconds(50));
        groups.offer(in(again, AlertState.RESOLVED, T0.plusSeconds(60)), T0.plusSeconds(60));
        var next = due(groups, T0.plusSeconds(330));
        assertEquals(1, next.size(), "the on-call was told it fires: they must hear it resolved");
        assertEquals(List.of("a"), next.get(0).notification().resolved().stream().map(Alert::id).toList());
    }

    @Test
    void aSecondFiringOfTheSameAlarmIsNews() {
        var groups = groups();
        Alert a = firing("a", T0);
        groups.offer(a, T0);
        due(groups, T0.plusSeconds(30));
        groups.offer(in(a, AlertState.RESOLVED, T0.plusSeconds(40)), T0.plusSeconds(40));
        groups.offer(in(a, AlertState.FIRING, T0.plusSeconds(50)), T0.plusSeconds(50));
        var next = due(groups, T0.plusSeconds(330));
        assertEquals(1, next.size(), "flapped back within the interval: one message");
        assertEquals(1, next.get(0).notification().firing().size());
    }

    @Test
    void routesSendMatchingAlertsElsewhereWithTheirOwnTimings() {
        Route pager = new Route("route-0", List.of(Matcher.parse("severity=critical")), "pager", List.of("alarm"),
                Duration.ZERO, Duration.ofSeconds(1), Duration.ofHours(1));
        var groups = groups(pager);
        groups.offer(firing("a", T0), T0);
        groups.offer(alert("w", AlertState.FIRING, Severity.WARNING, T0, PIPELINE), T0);
        var now = due(groups, T0);
        assertEquals(1, now.size(), "no group wait on the pager route");
        assertEquals("pager", now.get(0).notification().receiver());
        assertEquals(Map.of("alarm", "a"), now.get(0).notification().groupLabels());
        var later = due(groups, T0.plusSeconds(30));
        assertEquals("slack", later.get(0).notification().receiver());
    }

    @Test
    void aStormOfFiveHundredAlarmsBecomesOneMessagePerGroup() {
        var groups = groups();
        for (int i = 0; i < 500; i++) {
            Map<String, String> labels = Map.of("team", i % 2 == 0 ? "pipeline" : "payments");
            groups.offer(alert("alarm-" + i, AlertState.FIRING, Severity.CRITICAL, T0, labels), T0.plusMillis(i * 20L));
        }
        var flushes = due(groups, T0.plusSeconds(60));
        assertEquals(2, flushes.size());
        assertEquals(500, flushes.stream().mapToInt(f -> f.notification().size()).sum());
        assertTrue(flushes.stream().allMatch(f -> f.notification().firing().size() == GroupNotification.DETAILED),
                "only the first alerts are carried in full: the outbox item stays small");
    }

    private static final Route APP = new Route("app", List.of(Matcher.parse("team=app")), "app", List.of("team"),
            Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(4));

    private AlertGroups editing() {
        return new AlertGroups(new Routes(List.of(APP, DEFAULT)), (a, now) -> silencedIds.contains(a.id()), log,
                Alert::dashboard, "app"::equals);
    }

    private static Alert onApp(String id, Instant at) {
        return alert(id, AlertState.FIRING, Severity.CRITICAL, at, Map.of("team", "app"));
    }

    @Test
    void anEditedMessageSaysAtOnceWhoAcknowledgedWhileAPostedOneStaysQuiet() {
        var groups = editing();
        groups.offer(onApp("a", T0), T0);
        groups.offer(firing("w", T0), T0);
        assertEquals(2, due(groups, T0.plusSeconds(30)).size());
        Instant ackAt = T0.plusSeconds(90);
        var ack = new Acknowledgement("@ana", "from Slack", ackAt);
        groups.offer(onApp("a", T0).acknowledged(ack), ackAt);
        groups.offer(firing("w", T0).acknowledged(ack), ackAt);
        var flushes = due(groups, ackAt);
        assertEquals(1, flushes.size(), "only the editing receiver's group speaks, and not at the group interval");
        assertEquals("app", flushes.get(0).notification().receiver());
        assertEquals("@ana", flushes.get(0).notification().firing().get(0).ack().by());
        assertEquals(Set.of("ack:a:@ana"), flushes.get(0).log().marks());
        groups.offer(onApp("a", T0).acknowledged(ack), ackAt.plusSeconds(5));
        assertEquals(List.of(), due(groups, T0.plus(Duration.ofMinutes(30))), "told once");
    }

    @Test
    void anEditedMessageKeepsNamingASilencedAlertItAnnouncedButNeverAnnouncesOneSilencedFromTheStart() {
        var groups = editing();
        groups.offer(onApp("a", T0), T0);
        due(groups, T0.plusSeconds(30));
        silencedIds.add("a");
        Instant silencedAt = T0.plusSeconds(60);
        groups.silencesChanged(silencedAt);
        var told = due(groups, silencedAt);
        assertEquals(1, told.size(), "the message says it is silenced, now");
        assertEquals(List.of("a"), told.get(0).notification().firing().stream().map(Alert::id).toList());
        assertEquals(Set.of("silenced:a"), told.get(0).log().marks());
        assertEquals(List.of(), due(groups, T0.plus(Duration.ofHours(5))), "no reminder of a silenced alert");

        silencedIds.add("b");
        groups.offer(onApp("b", T0.plus(Duration.ofHours(5))), T0.plus(Duration.ofHours(5)));
        assertEquals(List.of(), due(groups, T0.plus(Duration.ofHours(6))), "a silenced new firing is not news");
    }

    @Test
    void aPostingReceiverIsNotToldOfSilencesAtAll() {
        var groups = groups();
        groups.offer(firing("a", T0), T0);
        due(groups, T0.plusSeconds(30));
        silencedIds.add("a");
        groups.silencesChanged(T0.plusSeconds(60));
        assertEquals(List.of(), due(groups, T0.plusSeconds(60)));
    }
}
