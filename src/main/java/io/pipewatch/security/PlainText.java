package io.pipewatch.security;

/**
 * Text from a request or a file, made safe to put in an answer or a log line: cut to a length, and
 * every control character (C0 and C1: newlines, escapes) shown as {@code ?}, so nobody can forge a log
 * line or drive a terminal through a header or a user name.
 */
final class PlainText {

    private PlainText() {
    }

    static String of(String text, int max) {
        if (text == null) {
            return "";
        }
        String cut = text.length() > max ? text.substring(0, max) + "…" : text;
        return cut.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
