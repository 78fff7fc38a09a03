package io.pipewatch.bench;

import io.pipewatch.testing.SnsMessages;
import io.pipewatch.testing.SnsSigner;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Server time of the pages an on-call opens first — the index, a dashboard, {@code /api/status} — with 10, 1,000 and
 * 10,000 alerts in the store, each figure printed beside the 10-alert run as a ratio (goal: flat). Alerts are made as
 * CloudWatch would make them: one SNS alarm message each ({@code verify-signatures=false}, as for an emulator).
 * Run: {@code ./mvnw -q package -DskipTests && java -cp target/test-classes:$(cat target/test-classpath.txt)
 * io.pipewatch.bench.IndexPageBenchmark}
 */
public final class IndexPageBenchmark {

    private static final String[] PAGES = {"/", "/dashboards/demo-pipeline", "/api/status"};

    public static void main(String[] args) throws Exception {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        System.out.printf("Pipewatch index benchmark — %d cores, %s; 1,000 warm-up then 500 timed sequential GETs per page%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
        BenchApp.Stats[] base = null;
        for (int alerts : new int[] {10, 1_000, 10_000}) {
            BenchApp.Stats[] stats = run(jar, alerts);
            if (base == null) {
                base = stats;
            }
            for (int i = 0; i < PAGES.length; i++) {
                System.out.printf("  %6d alerts  %-28s p50 %6.2f ms  p99 %6.2f ms  → p99 ×%.2f of 10 alerts%n", alerts, PAGES[i],
                        stats[i].p50(), stats[i].p99(), stats[i].p99() / base[i].p99());
            }
        }
    }

    private static BenchApp.Stats[] run(Path jar, int alerts) throws Exception {
        Map<String, String> env = Map.of("PIPEWATCH_STORE_PATH", "memory", "PIPEWATCH_SNS_TOPIC_ARNS", SnsMessages.TOPIC,
                "PIPEWATCH_SNS_VERIFY_SIGNATURES", "false");
        try (BenchApp app = BenchApp.start(jar, List.of(), env)) {
            SnsSigner sns = SnsSigner.shared();
            Instant at = Instant.now().minusSeconds(60);
            for (int i = 0; i < alerts; i++) {
                String body = sns.notification(SnsMessages.TOPIC, UUID.randomUUID().toString(),
                        SnsMessages.alarm("bench-" + i, "ALARM", "OK", at), at, 2);
                var response = BenchApp.HTTP.send(HttpRequest.newBuilder(app.url("/webhooks/sns"))
                        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("alert " + i + " answered " + response.statusCode());
                }
            }
            BenchApp.Stats[] out = new BenchApp.Stats[PAGES.length];
            for (int i = 0; i < PAGES.length; i++) {
                BenchApp.time(app.url(PAGES[i]), 1000);
                out[i] = BenchApp.time(app.url(PAGES[i]), 500);
            }
            return out;
        }
    }
}
