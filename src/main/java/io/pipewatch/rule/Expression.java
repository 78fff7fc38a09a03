package io.pipewatch.rule;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Metric math over the named metrics of an alarm, as CloudWatch writes it: numbers, metric ids,
 * {@code + - * /} and parentheses, e.g. {@code 100 * errors / invocations}. A datapoint that a
 * metric lacks, or a division by zero, leaves the result missing rather than inventing a value.
 * The parser recurses, and so does evaluation: both are bounded by a length and a nesting limit, so a
 * definition can never overflow the stack.
 */
public final class Expression {

    /** Real alarms need a few dozen characters; this also bounds the depth of a long chain like a+a+a+…. */
    static final int MAX_LENGTH = 2048;
    /** Parentheses and unary minus nested deeper than this are refused. */
    static final int MAX_NESTING = 50;

    private final String text;
    private final Node root;

    private Expression(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /** @throws IllegalArgumentException with the position of the problem */
    public static Expression parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(text.length() + " characters is longer than the " + MAX_LENGTH
                    + " an expression may have");
        }
        Parser parser = new Parser(text);
        Node root = parser.sum();
        parser.skipSpaces();
        if (parser.pos < text.length()) {
            throw new IllegalArgumentException("unexpected '" + text.charAt(parser.pos) + "' at column " + (parser.pos + 1));
        }
        return new Expression(text, root);
    }

    /** The metric ids the expression reads. */
    public Set<String> ids() {
        Set<String> ids = new LinkedHashSet<>();
        root.collect(ids);
        return ids;
    }

    /** The value for one period, or null when an input is missing or a division by zero occurs. */
    public Double evaluate(Map<String, Double> values) {
        double v = root.value(values);
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * The expression as written, with each metric id replaced by what people call it ({@code 100 * errors /
     * invocations} reads {@code 100 * Errors / Invocations}); ids without a name stay as they are.
     */
    public String describe(Map<String, String> names) {
        String out = text;
        for (String id : ids()) {
            String name = names.get(id);
            if (name != null) {
                out = out.replaceAll("(?<![A-Za-z0-9_])" + java.util.regex.Pattern.quote(id) + "(?![A-Za-z0-9_])",
                        java.util.regex.Matcher.quoteReplacement(name));
            }
        }
        return out;
    }

    private interface Node {
        double value(Map<String, Double> values);

        default void collect(Set<String> ids) {
        }
    }

    private record Constant(double value) implements Node {
        @Override
        public double value(Map<String, Double> values) {
            return value;
        }
    }

    private record Metric(String id) implements Node {
        @Override
        public double value(Map<String, Double> values) {
            Double v = values.get(id);
            return v == null ? Double.NaN : v;
        }

        @Override
        public void collect(Set<String> ids) {
            ids.add(id);
        }
    }

    private record Binary(char op, Node left, Node right) implements Node {
        @Override
        public double value(Map<String, Double> values) {
            double l = left.value(values);
            double r = right.value(values);
            return switch (op) {
                case '+' -> l + r;
                case '-' -> l - r;
                case '*' -> l * r;
                default -> r == 0 ? Double.NaN : l / r;
            };
        }

        @Override
        public void collect(Set<String> ids) {
            left.collect(ids);
            right.collect(ids);
        }
    }

    private static final class Parser {
        private final String text;
        private int pos;
        private int nesting;

        Parser(String text) {
            this.text = text;
        }

        Node sum() {
            Node node = product();
            for (char c = peek(); c == '+' || c == '-'; c = peek()) {
                pos++;
                node = new Binary(c, node, product());
            }
            return node;
        }

        Node product() {
            Node node = factor();
            for (char c = peek(); c == '*' || c == '/'; c = peek()) {
                pos++;
                node = new Binary(c, node, factor());
            }
            return node;
        }

        Node factor() {
            char c = peek();
            if (c == '(') {
                enter();
                pos++;
                Node inner = sum();
                if (peek() != ')') {
                    throw new IllegalArgumentException("missing ')' at column " + (pos + 1));
                }
                pos++;
                nesting--;
                return inner;
            }
            if (c == '-') {
                enter();
                pos++;
                Node negated = new Binary('-', new Constant(0), factor());
                nesting--;
                return negated;
            }
            int start = pos;
            if (isDigit(c) || c == '.') {
                while (pos < text.length() && (isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                    pos++;
                }
                return new Constant(number(text.substring(start, pos), start));
            }
            if (Character.isLetter(c)) {
                while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                    pos++;
                }
                return new Metric(text.substring(start, pos));
            }
            throw new IllegalArgumentException(c == 0 ? "expression ends too early"
                    : "unexpected '" + c + "' at column " + (pos + 1));
        }

        private void enter() {
            if (++nesting > MAX_NESTING) {
                throw new IllegalArgumentException("nested deeper than " + MAX_NESTING + " levels at column " + (pos + 1));
            }
        }

        /** ASCII digits only: {@link Character#isDigit} also takes digits of other scripts, which parseDouble refuses. */
        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static double number(String digits, int start) {
            double value;
            try {
                value = Double.parseDouble(digits);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + digits + "' is not a number at column " + (start + 1));
            }
            if (Double.isInfinite(value)) {
                throw new IllegalArgumentException("number too large at column " + (start + 1));
            }
            return value;
        }

        char peek() {
            skipSpaces();
            return pos < text.length() ? text.charAt(pos) : 0;
        }

        void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }
    }
}
