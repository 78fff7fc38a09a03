package io.pipewatch.alert;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One condition on an alert's labels, written as Alertmanager writes it: {@code name=value},
 * {@code name!=value}, {@code name=~regex} or {@code name!~regex}. A regex matches the whole value;
 * a label the alert lacks has the value "" (so {@code team!=payments} matches an alert without a team).
 */
public record Matcher(String name, Op op, String value, Pattern pattern) {

    public enum Op {
        EQ("="), NE("!="), RE("=~"), NRE("!~");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }
    }

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
        Pattern pattern = null;
        if (op == Op.RE || op == Op.NRE) {
            try {
                pattern = Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("'" + text + "': not a regular expression: " + e.getDescription());
            }
        }
        return new Matcher(m.group(1), op, value, pattern);
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
