package io.pipewatch.alert;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Map;

/**
 * One condition on an alert's labels, written as Alertmanager writes it: {@code name=value},
 * {@code name!=value}, {@code name=~regex} or {@code name!~regex}. A regex matches the whole value;
 * a label the alert lacks has the value "" (so {@code team!=payments} matches an alert without a team).
 *
 * <p>Regexes come from anyone who may create a silence, and every page and every SNS message tests alerts
 * against every silence: they run on RE2/J, whose matching time is linear in the value's length (a
 * backtracking engine took 79 s per page for {@code ((\w+-?)+)+y}). The price is RE2's syntax, as in
 * Alertmanager: no backreferences, no lookaround.
 */
public record Matcher(String name, Op op, String value, Pattern pattern) {

    /** Longer than any real label regex; bounds the compiled program, whose size the matching time is linear in too. */
    public static final int MAX_REGEX_LENGTH = 1000;
    /**
     * Bound on the compiled program (about one instruction per character, times counted repetitions): a
     * 1,000-character alternation of names fits, {@code (a{100}){100}} does not. Matching costs this many
     * steps per character at most, so a label of 255 characters is tested in about a million steps.
     */
    public static final int MAX_PROGRAM_SIZE = 5000;

    public enum Op {
        EQ("="), NE("!="), RE("=~"), NRE("!~");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }
    }

    /** On RE2/J as well: the matcher text itself comes from the request. */
    private static final Pattern SYNTAX = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*(.*?)\\s*");

    /** @throws IllegalArgumentException saying what is wrong with the text */
    @JsonCreator
    public static Matcher parse(String text) {
        var m = SYNTAX.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a matcher: write name=value, name!=value, name=~regex or name!~regex");
        }
        Op op = switch (m.group(2)) {
            case "=" -> Op.EQ;
            case "!=" -> Op.NE;
            case "=~" -> Op.RE;
            default -> Op.NRE;
        };
        String value = unquote(m.group(3));
        String name = m.group(1);
        Pattern pattern = op == Op.RE || op == Op.NRE ? compile(name + op.symbol, text, value) : null;
        return new Matcher(name, op, value, pattern);
    }

    private static Pattern compile(String head, String text, String regex) {
        if (regex.length() > MAX_REGEX_LENGTH) {
            // Named by its start only: echoing a kilobyte back helps nobody.
            throw new IllegalArgumentException("'" + head + "…': the regex has " + regex.length() + " characters; at most "
                    + MAX_REGEX_LENGTH);
        }
        // Checked before compiling: RE2/J unrolls counted repetitions while it compiles, without a bound of its own.
        if (RegexExpansion.of(regex, MAX_PROGRAM_SIZE) > MAX_PROGRAM_SIZE) {
            throw tooLarge(head);
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            // e.g. "invalid or unsupported Perl syntax: `(?=`", which names the part; RE2/J leads with a prefix of its own.
            String prefix = "error parsing regexp: ";
            String why = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
            throw new IllegalArgumentException("'" + text + "': not a regular expression: " + why
                    + " (RE2 syntax: no backreferences or lookaround)");
        }
        if (pattern.programSize() > MAX_PROGRAM_SIZE) {
            throw tooLarge(head);
        }
        return pattern;
    }

    private static IllegalArgumentException tooLarge(String head) {
        return new IllegalArgumentException("'" + head + "…': the regex repeats too much (counted repetitions such as {100} "
                + "multiply); at most " + MAX_PROGRAM_SIZE + " steps once unrolled");
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(name, "");
        return switch (op) {
            case EQ -> actual.equals(value);
            case NE -> !actual.equals(value);
            case RE -> pattern.matcher(actual).matches();
            case NRE -> !pattern.matcher(actual).matches();
        };
    }

    public static boolean all(java.util.List<Matcher> matchers, Map<String, String> labels) {
        return matchers.stream().allMatch(m -> m.matches(labels));
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }

    /** By what it says: {@link Pattern} has no equality of its own. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Matcher m && toString().equals(m.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @JsonValue
    @Override
    public String toString() {
        return name + op.symbol + value;
    }
}
