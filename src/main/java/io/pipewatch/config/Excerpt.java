package io.pipewatch.config;

/**
 * Decides how much of a refused value an error line repeats: enough to recognise it, never a screenful
 * (a 60 KiB value must not become a 60 KiB log line), and never a line break that would split the line.
 */
public final class Excerpt {

    static final int MAX = 60;

    private Excerpt() {
    }

    public static String of(String value) {
        String oneLine = value.replace("\r", "\\r").replace("\n", "\\n");
        if (oneLine.codePointCount(0, oneLine.length()) <= MAX) {
            return oneLine;
        }
        return oneLine.substring(0, oneLine.offsetByCodePoints(0, MAX - 1)) + "… (" + value.length() + " characters)";
    }
}
