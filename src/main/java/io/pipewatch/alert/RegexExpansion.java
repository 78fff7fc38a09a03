package io.pipewatch.alert;

/**
 * Estimates, before compiling, how many steps a regex unrolls to once its counted repetitions are
 * expanded. RE2/J matches in time linear in the value, but also in this size, and it compiles every
 * counted repetition out: 33 characters such as {@code (((a{1000}){1000}){1000}){1000}} ask for 10^12
 * instructions and exhaust the heap. The estimate errs high (every character counts as one step), so a
 * regex it lets through compiles to about that size or less.
 */
final class RegexExpansion {

    private final String regex;
    private final long cap;
    private int at;

    private RegexExpansion(String regex, long cap) {
        this.regex = regex;
        this.cap = cap;
    }

    /** The estimated size, or a number above {@code cap} once it exceeds it (it stops counting there). */
    static long of(String regex, long cap) {
        var estimate = new RegexExpansion(regex, cap);
        long size = 0;
        // Stray ')' are left to the compiler's error; here they only end an alternative.
        while (estimate.at < regex.length()) {
            size = estimate.bounded(size + estimate.alternation());
            estimate.at++;
        }
        return size;
    }

    private long alternation() {
        long size = sequence();
        while (at < regex.length() && regex.charAt(at) == '|') {
            at++;
            size = bounded(size + sequence());
        }
        return size;
    }

    private long sequence() {
        long size = 0;
        while (at < regex.length() && regex.charAt(at) != '|' && regex.charAt(at) != ')') {
            size = bounded(size + repeated(atom()));
        }
        return size;
    }

    private long atom() {
        char c = regex.charAt(at++);
        switch (c) {
            case '(' -> {
                long inner = alternation();
                if (at < regex.length()) {
                    at++; // the ')'
                }
                return bounded(inner + 1);
            }
            case '[' -> {
                skipClass();
                return 1;
            }
            case '\\' -> {
                at = Math.min(at + 1, regex.length());
                return 1;
            }
            default -> {
                return 1;
            }
        }
    }

    /** A class is one step however long; {@code []a]} and {@code [^]a]} hold a ']' of their own. */
    private void skipClass() {
        if (at < regex.length() && regex.charAt(at) == '^') {
            at++;
        }
        if (at < regex.length() && regex.charAt(at) == ']') {
            at++;
        }
        while (at < regex.length() && regex.charAt(at) != ']') {
            at += regex.charAt(at) == '\\' ? 2 : 1;
        }
        at = Math.min(at + 1, regex.length());
    }

    /** Applies the operators after an atom: {@code * + ?} add a step, {@code {n}}, {@code {n,}}, {@code {n,m}} copy it. */
    private long repeated(long size) {
        while (at < regex.length()) {
            char c = regex.charAt(at);
            if (c == '*' || c == '+' || c == '?') {
                at++;
                size = bounded(size + 1);
                continue;
            }
            long copies = c == '{' ? countedCopies() : -1;
            if (copies < 0) {
                return size;
            }
            size = bounded(size * Math.max(copies, 1) + 1);
        }
        return size;
    }

    /** The copies {@code {n}}, {@code {n,}} or {@code {n,m}} at {@link #at} makes, moving past it; -1 when it is a literal '{'. */
    private long countedCopies() {
        int close = regex.indexOf('}', at);
        if (close < 0) {
            return -1;
        }
        String inside = regex.substring(at + 1, close);
        if (!inside.matches("\\d{1,9}(,\\d{0,9})?")) {
            return -1;
        }
        at = close + 1;
        int comma = inside.indexOf(',');
        long min = Long.parseLong(comma < 0 ? inside : inside.substring(0, comma));
        if (comma < 0) {
            return min;
        }
        String max = inside.substring(comma + 1);
        return max.isEmpty() ? min + 1 : Math.max(min, Long.parseLong(max));
    }

    private long bounded(long size) {
        return size < 0 || size > cap ? cap + 1 : size;
    }
}
