package io.pipewatch.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Decides whether a definition file is text Pipewatch will parse: at most 1 MiB, valid UTF-8 and free of
 * control characters. Checked before SnakeYAML sees it, because SnakeYAML reports these as exceptions
 * without a position (or only a code-point offset), and a byte-level problem deserves a line and column.
 */
public final class DefinitionText {

    /** Far above any hand-written definition file (the shipped ones are a few KiB), far below harm. */
    public static final int MAX_BYTES = 1 << 20;

    private DefinitionText() {
    }

    /** The file's text, or empty after recording why it was refused. */
    public static Optional<String> read(Path file, DefinitionProblems problems) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // Reads one byte past the limit rather than trusting the size the file system reports.
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            problems.add(new DefinitionProblem(file, 1, 1, "(file)", "cannot read: " + e.getMessage()));
            return Optional.empty();
        }
        if (bytes.length > MAX_BYTES) {
            problems.add(new DefinitionProblem(file, 1, 1, "(file)",
                    "larger than 1 MiB (" + MAX_BYTES + " bytes); definition files are never this big"));
            return Optional.empty();
        }
        Optional<String> text = decode(file, bytes, problems);
        return text.filter(t -> printable(file, t, problems))
                .map(t -> t.startsWith("\uFEFF") ? t.substring(1) : t);
    }

    private static Optional<String> decode(Path file, byte[] bytes, DefinitionProblems problems) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            decoder.flush(out);
            return Optional.of(out.flip().toString());
        }
        int offset = in.position();
        String before = out.flip().toString();
        Position at = Position.after(before);
        problems.add(new DefinitionProblem(file, at.line(), at.column(), "(file)", String.format(
                "not valid UTF-8 (byte 0x%02X at offset %d); definition files must be saved as UTF-8",
                bytes[offset] & 0xFF, offset)));
        return Optional.empty();
    }

    /** YAML's printable set: tab, line breaks and everything from space up, except DEL, C1 controls and non-characters. */
    private static boolean printable(Path file, String text, DefinitionProblems problems) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (!allowed(c)) {
                problems.add(new DefinitionProblem(file, line, column, "(file)", String.format(
                        "control character U+%04X is not allowed; definition files are plain text", c)));
                return false;
            }
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    private static boolean allowed(int c) {
        return c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0x7E || c == 0x85
                || c >= 0xA0 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF;
    }

    /** Line and column (in code points, as SnakeYAML counts them) just after a piece of text. */
    private record Position(int line, int column) {
        static Position after(String text) {
            int lastBreak = text.lastIndexOf('\n');
            int line = 1 + (int) text.chars().filter(c -> c == '\n').count();
            String rest = text.substring(lastBreak + 1);
            return new Position(line, rest.codePointCount(0, rest.length()) + 1);
        }
    }
}
