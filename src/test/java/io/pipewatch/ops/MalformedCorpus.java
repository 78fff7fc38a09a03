package io.pipewatch.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Broken definition files, each with the one line it must produce. Text files live in
 * {@code src/test/resources/malformed/{alarms,dashboards}/} and carry their expectation in a first
 * {@code # expect: line:column: key: message} comment; files that cannot sensibly be committed (bytes
 * that are not UTF-8, control characters, megabytes) are generated here.
 */
public final class MalformedCorpus {

    /** One broken file: {@code kind} is the directory it goes in (alarms or dashboards). */
    public record Case(String kind, String name, byte[] content, String expected) {

        public Path writeInto(Path root) {
            try {
                Path file = Files.createDirectories(root.resolve(kind)).resolve(name);
                Files.write(file, content);
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return kind + "/" + name;
        }
    }

    private static final String ALARM = """
            alarms:
              - name: Errors high
                summary: The function fails.
                metric:
                  namespace: AWS/Lambda
                  name: Errors
                  dimensions: {FunctionName: f}
                statistic: Sum
                period: 60
                comparison: ">"
                threshold: 0
                runbook: /runbooks/errors
            """;
    private static final String EXPRESSION = """
            alarms:
              - name: Error rate
                summary: Too many invocations fail.
                expression: 100 * errors / invocations
                metrics:
                  errors: {namespace: AWS/Lambda, name: Errors, dimensions: {FunctionName: f}, statistic: Sum}
                  invocations: {namespace: AWS/Lambda, name: Invocations, dimensions: {FunctionName: f}, statistic: Sum}
                period: 60
                comparison: ">"
                threshold: 10
                runbook: /runbooks/errors
            """;
    private static final String DASHBOARD = """
            title: Demo pipeline
            stages:
              - type: lambda
                name: ingest
            """;

    private MalformedCorpus() {
    }

    public static List<Case> all() {
        List<Case> out = new ArrayList<>(committed("alarms"));
        out.addAll(committed("dashboards"));
        out.addAll(generated());
        return out;
    }

    /** Writes every case into {@code root/alarms} and {@code root/dashboards}. */
    public static List<Case> writeAll(Path root) {
        List<Case> cases = all();
        cases.forEach(c -> c.writeInto(root));
        return cases;
    }

    static List<Case> generated() {
        String beforeBadByte = "alarms:\n  - name: Errors high\n    summary: The ";
        String pipeline = "The function fails.";
        return List.of(
                new Case("alarms", "invalid-utf8.yaml", bytes(ALARM.replace(pipeline, "The \u0000fails."), 0xC3, 0x28),
                        "3:18: (file): not valid UTF-8 (byte 0xC3 at offset "
                                + beforeBadByte.getBytes(StandardCharsets.UTF_8).length
                                + "); definition files must be saved as UTF-8"),
                new Case("alarms", "utf16.yaml", utf16(ALARM),
                        "1:1: (file): not valid UTF-8 (byte 0xFF at offset 0); definition files must be saved as UTF-8"),
                new Case("alarms", "nul-byte.yaml", utf8(ALARM.replace(pipeline, "The \u0000function fails.")),
                        "3:18: (file): control character U+0000 is not allowed; definition files are plain text"),
                new Case("alarms", "escape-character.yaml", utf8(ALARM.replace(pipeline, "The \u001B[31mfunction fails.")),
                        "3:18: (file): control character U+001B is not allowed; definition files are plain text"),
                new Case("alarms", "c1-control-character.yaml", utf8(ALARM.replace(pipeline, "The \u009Bfunction fails.")),
                        "3:18: (file): control character U+009B is not allowed; definition files are plain text"),
                new Case("alarms", "four-megabyte-scalar.yaml", utf8(ALARM.replace(pipeline, "x".repeat(4 << 20))),
                        "1:1: (file): larger than 1 MiB (1048576 bytes); definition files are never this big"),
                new Case("alarms", "long-scalar.yaml", utf8(ALARM.replace(pipeline, "x".repeat(100_000))),
                        "3:14: alarms[0].summary: a value of 100000 characters is longer than the 65536 allowed"),
                new Case("alarms", "five-thousand-deep-expression.yaml",
                        utf8(EXPRESSION.replace("100 * errors / invocations", "(".repeat(5000) + "errors" + ")".repeat(5000))),
                        "4:5: alarms[0].expression: 10006 characters is longer than the 2048 an expression may have"),
                new Case("alarms", "hundred-thousand-open-brackets.yaml",
                        utf8(ALARM.replace("    runbook:", "    labels: " + "[".repeat(100_000) + "\n    runbook:")),
                        "12:60: alarms[0].labels" + "[0]".repeat(47) + ": nested deeper than 50 levels; definitions need a handful"),
                new Case("dashboards", "invalid-utf8.yaml", bytes(DASHBOARD.replace("Demo pipeline", "Demo \u0000"), 0xE2, 0x82),
                        "1:13: (file): not valid UTF-8 (byte 0xE2 at offset 12); definition files must be saved as UTF-8"),
                new Case("dashboards", "nul-byte.yaml", utf8(DASHBOARD.replace("name: ingest", "name: ing\u0000est")),
                        "4:14: (file): control character U+0000 is not allowed; definition files are plain text"),
                new Case("dashboards", "four-megabyte-title.yaml", utf8(DASHBOARD.replace("Demo pipeline", "x".repeat(4 << 20))),
                        "1:1: (file): larger than 1 MiB (1048576 bytes); definition files are never this big"),
                new Case("dashboards", "long-title.yaml", utf8(DASHBOARD.replace("Demo pipeline", "x".repeat(70_000))),
                        "1:8: title: a value of 70000 characters is longer than the 65536 allowed"));
    }

    private static List<Case> committed(String kind) {
        try {
            Path dir = Path.of(MalformedCorpus.class.getResource("/malformed/" + kind).toURI());
            try (Stream<Path> files = Files.list(dir)) {
                return files.sorted().map(f -> {
                    byte[] content = read(f);
                    String first = new String(content, StandardCharsets.UTF_8).lines().findFirst().orElse("");
                    if (!first.startsWith("# expect: ")) {
                        throw new IllegalStateException(f + " has no first line '# expect: line:column: key: message'");
                    }
                    return new Case(kind, f.getFileName().toString(), content, first.substring("# expect: ".length()));
                }).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The text with a U+0000 placeholder replaced by raw bytes that are not UTF-8. */
    private static byte[] bytes(String textWithPlaceholder, int... raw) {
        int at = textWithPlaceholder.indexOf('\u0000');
        byte[] before = utf8(textWithPlaceholder.substring(0, at));
        byte[] after = utf8(textWithPlaceholder.substring(at + 1));
        byte[] out = new byte[before.length + raw.length + after.length];
        System.arraycopy(before, 0, out, 0, before.length);
        for (int i = 0; i < raw.length; i++) {
            out[before.length + i] = (byte) raw[i];
        }
        System.arraycopy(after, 0, out, before.length + raw.length, after.length);
        return out;
    }

    /** UTF-16 with its byte-order mark, as some Windows editors save: the first byte (0xFF) is not UTF-8. */
    private static byte[] utf16(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_16LE);
        byte[] out = new byte[body.length + 2];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xFE;
        System.arraycopy(body, 0, out, 2, body.length);
        return out;
    }
}
