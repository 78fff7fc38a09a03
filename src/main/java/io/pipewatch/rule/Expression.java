package io.pipewatch.rule;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Metric math over the named metrics of an alarm, as CloudWatch writes it: numbers, metric ids,
 * {@code + - * /} and parentheses, e.g. {@code 100 * errors / invocations}. A datapoint that a
 * metric lacks, or a division by zero, leaves the result missing rather than inventing a value.
 */
public final class Expression {

    private final String text;
    private final Node root;

    private Expression(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /** @throws IllegalArgumentException with the position of the problem */
    public static Expression parse(String text) {
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
                pos++;
                Node inner = sum();
                if (peek() != ')') {
                    throw new IllegalArgumentException("missing ')' at column " + (pos + 1));
                }
                pos++;
                return inner;
            }
            if (c == '-') {
                pos++;
                return new Binary('-', new Constant(0), factor());
            }
            int start = pos;
            if (Character.isDigit(c) || c == '.') {
                while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                    pos++;
                }
                return new Constant(Double.parseDouble(text.substring(start, pos)));
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
