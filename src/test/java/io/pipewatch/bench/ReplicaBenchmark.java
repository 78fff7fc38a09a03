package io.pipewatch.bench;

import io.pipewatch.testing.ReplicaCluster;
import io.pipewatch.testing.ReplicaCluster.Replica;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issue 21's figures, on the packaged jar ({@link ReplicaCluster}: store-server, CloudWatch and Slack stand-ins), with
 * the production lease (15 s, renewed every 3 s):
 * <ul>
 * <li>{@code takeover}: ten times, the leader is killed (SIGKILL) right after an alarm was sent to it and while another is
 * sent to the follower; kill → the follower leads, and kill → its first message to Slack (the held alarm); then every
 * alarm of every round is counted in Slack: duplicated (more than once) and lost (never).</li>
 * <li>{@code calls}: GetMetricData calls per poll cycle with 1, 2 and 3 replicas, and their ratio to one replica's.</li>
 * </ul>
 * Run: {@code bench/run replicas}, or {@code java -cp … io.pipewatch.bench.ReplicaBenchmark [takeover|calls] [kills]}.
 */
public final class ReplicaBenchmark {

    private ReplicaBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String part = args.length > 0 ? args[0] : "all";
        int kills = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        if (part.equals("all") || part.equals("takeover")) {
            takeovers(kills);
        }
        if (part.equals("all") || part.equals("calls")) {
            calls();
        }
        System.exit(0);
    }

    private static void takeovers(int kills) throws Exception {
        List<Long> toLead = new ArrayList<>();
        List<Long> toFlush = new ArrayList<>();
        List<String> alarms = new ArrayList<>();
        try (var cluster = new ReplicaCluster(Duration.ofSeconds(15), Duration.ofSeconds(3), Duration.ZERO)) {
            Replica leader = cluster.startLeader("BENCH0");
            Replica follower = cluster.startFollower("BENCH1", leader);
            for (int round = 1; round <= kills; round++) {
                String before = "bench-" + round + "-before";
                String during = "bench-" + round + "-during";
                String after = "bench-" + round + "-after";
                alarms.addAll(List.of(before, during, after));
                cluster.postAlarm(leader, before);
                cluster.await(before, () -> cluster.mentions(before) >= 1);
                Instant killed = Instant.now();
                cluster.kill(leader);
                cluster.postAlarm(follower, during);
                Replica next = follower;
                cluster.await("round " + round + ": the follower leads", () -> cluster.leads(next));
                toLead.add(Duration.between(killed, Instant.now()).toMillis());
                cluster.await(during, () -> cluster.mentions(during) >= 1);
                toFlush.add(Duration.between(killed, cluster.firstMention(during).orElseThrow()).toMillis());
                cluster.postAlarm(next, after);
                cluster.await(after, () -> cluster.mentions(after) >= 1);
                System.out.printf(Locale.ROOT, "round %2d: kill → leads %5d ms, kill → first message %5d ms%n", round,
                        toLead.get(round - 1), toFlush.get(round - 1));
                leader = next;
                follower = cluster.startFollower("BENCH" + (round + 1), next);
            }
            long duplicated = alarms.stream().mapToLong(a -> Math.max(0, cluster.mentions(a) - 1)).sum();
            long lost = alarms.stream().filter(a -> cluster.mentions(a) == 0).count();
            System.out.printf(Locale.ROOT, "%n%d kills (lease 15 s, renewed every 3 s):%n", kills);
            System.out.printf(Locale.ROOT, "  kill → the follower leads:        p50 %5d ms, max %5d ms%n", p50(toLead), max(toLead));
            System.out.printf(Locale.ROOT, "  kill → first message of new leader: p50 %5d ms, max %5d ms%n", p50(toFlush), max(toFlush));
            System.out.printf(Locale.ROOT, "  %d alarms sent: %d messages duplicated, %d lost%n", alarms.size(), duplicated, lost);
        }
    }

    private static void calls() throws Exception {
        try (var cluster = new ReplicaCluster(Duration.ofSeconds(15), Duration.ofSeconds(3), Duration.ZERO)) {
            List<Replica> running = new ArrayList<>();
            double one = 0;
            for (int n = 1; n <= 3; n++) {
                Replica replica = cluster.start("CALLS" + n);
                running.add(replica);
                Replica first = running.get(0);
                cluster.await("replica " + n + " is up", () -> cluster.leads(first)
                        && (replica == first || first.id().equals(cluster.leaderSeenBy(replica))));
                int cycles = 3;
                int pollsAtStart = polls(cluster, first);
                int callsAtStart = cluster.calls();
                waitFor(() -> polls(cluster, first) >= pollsAtStart + cycles, Duration.ofMinutes(5));
                double perCycle = (cluster.calls() - callsAtStart) / (double) cycles;
                if (n == 1) {
                    one = perCycle;
                }
                int byFollowers = running.stream().skip(1).mapToInt(r -> cluster.callsBy(r.id())).sum();
                System.out.printf(Locale.ROOT, "%d replica(s): %.2f GetMetricData calls per cycle (%d by followers), ratio %.2f%n",
                        n, perCycle, byFollowers, perCycle / one);
            }
        }
    }

    /** The leader's CloudWatch poll cycles, from its status. */
    private static int polls(ReplicaCluster cluster, Replica leader) {
        for (var source : cluster.status(leader).path("sources")) {
            if (source.path("source").asText().equals("cloudwatch")) {
                return source.path("polls").asInt();
            }
        }
        return 0;
    }

    private static void waitFor(java.util.function.BooleanSupplier done, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not done within " + atMost);
            }
            Thread.sleep(500);
        }
    }

    private static long p50(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static long max(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
