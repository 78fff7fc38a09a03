package io.pipewatch.rule;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A composite alarm's rule, as CloudWatch writes it ({@code AlarmRule} of PutCompositeAlarm):
 * {@code ALARM(name)}, {@code OK(name)} and {@code INSUFFICIENT_DATA(name)}, true when the named alarm is in
 * that state; {@code TRUE}, {@code FALSE}; {@code AND}, {@code OR}, {@code NOT} and parentheses. Names may be
 * double-quoted and must be when they hold spaces or parentheses. AWS does not document precedence: NOT binds
 * tightest, then AND, then OR, as in every language its users know; parenthesise to be sure. Like
 * {@link Expression}, the parser is bounded by a length (CloudWatch's 10,240 characters) and a nesting limit.
 */
public final class CompositeRule {

    /** PutCompositeAlarm's limit on AlarmRule. */
    static final int MAX_LENGTH = 10_240;
    static final int MAX_NESTING = 50;
    /** CloudWatch's limit: a composite alarm watches at most 100 alarms. */
    static final int MAX_CHILDREN = 100;

    /** The state a function asks for, in CloudWatch's names. */
    public enum State {
        ALARM, OK, INSUFFICIENT_DATA
    }

    private final String text;
    private final Node root;

    private CompositeRule(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /** @throws IllegalArgumentException saying what is wrong and at which column */
    public static CompositeRule parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(text.length() + " characters is longer than CloudWatch's " + MAX_LENGTH);
        }
        Parser parser = new Parser(text);
        Node root = parser.or();
        parser.skipSpaces();
        if (parser.pos < text.length()) {
            throw new IllegalArgumentException("unexpected '" + text.charAt(parser.pos) + "' at column " + (parser.pos + 1));
        }
        CompositeRule rule = new CompositeRule(text, root);
        if (rule.children().size() > MAX_CHILDREN) {
            throw new IllegalArgumentException("names " + rule.children().size() + " alarms; CloudWatch allows " + MAX_CHILDREN);
        }
        return rule;
    }

    /** The alarms the rule names, in order of appearance. */
    public Set<String> children() {
        Set<String> out = new LinkedHashSet<>();
        root.collect(out);
        return out;
    }

    /** Whether the rule holds, given each named alarm's state. */
    public boolean holds(Function<String, State> stateOf) {
        return root.holds(stateOf);
    }

    /** The rule with each alarm name replaced (ids of {@code alarms/} → deployed CloudWatch names), names quoted. */
    public String renamed(Map<String, String> names) {
        return root.write(names, false);
    }

    @Override
    public String toString() {
        return text;
    }

    private interface Node {
        boolean holds(Function<String, State> stateOf);

        String write(Map<String, String> names, boolean nested);

        default void collect(Set<String> names) {
        }
    }

    private record Constant(boolean value) implements Node {
        public boolean holds(Function<String, State> stateOf) {
            return value;
        }

        public String write(Map<String, String> names, boolean nested) {
            return value ? "TRUE" : "FALSE";
        }
    }

    private record InState(State state, String alarm) implements Node {
        public boolean holds(Function<String, State> stateOf) {
            return stateOf.apply(alarm) == state;
        }

        public String write(Map<String, String> names, boolean nested) {
            return state + "(\"" + names.getOrDefault(alarm, alarm) + "\")";
        }

        public void collect(Set<String> names) {
            names.add(alarm);
        }
    }

    private record Not(Node inner) implements Node {
        public boolean holds(Function<String, State> stateOf) {
            return !inner.holds(stateOf);
        }

        public String write(Map<String, String> names, boolean nested) {
            return "NOT " + inner.write(names, true);
        }

        public void collect(Set<String> names) {
            inner.collect(names);
        }
    }

    private record Both(boolean and, Node left, Node right) implements Node {
        public boolean holds(Function<String, State> stateOf) {
            return and ? left.holds(stateOf) && right.holds(stateOf) : left.holds(stateOf) || right.holds(stateOf);
        }

        public String write(Map<String, String> names, boolean nested) {
            String out = left.write(names, true) + (and ? " AND " : " OR ") + right.write(names, true);
            return nested ? "(" + out + ")" : out;
        }

        public void collect(Set<String> names) {
            left.collect(names);
            right.collect(names);
        }
    }

    private static final class Parser {
        private final String text;
        private int pos;
        private int nesting;

        Parser(String text) {
            this.text = text;
        }

        Node or() {
            Node node = and();
            while (keyword("OR")) {
                node = new Both(false, node, and());
            }
            return node;
        }

        Node and() {
            Node node = not();
            while (keyword("AND")) {
                node = new Both(true, node, not());
            }
            return node;
        }

        Node not() {
            if (keyword("NOT")) {
                enter();
                Node negated = new Not(not());
                nesting--;
                return negated;
            }
            return term();
        }

        Node term() {
            skipSpaces();
            if (peek() == '(') {
                enter();
                pos++;
                Node inner = or();
                expect(')');
                nesting--;
                return inner;
            }
            if (keyword("TRUE")) {
                return new Constant(true);
            }
            if (keyword("FALSE")) {
                return new Constant(false);
            }
            for (State state : State.values()) {
                if (keyword(state.name())) {
                    expect('(');
                    String name = name();
                    expect(')');
                    return new InState(state, name);
                }
            }
            throw new IllegalArgumentException(pos >= text.length() ? "rule ends too early: expected ALARM(name), OK(name),"
                    + " INSUFFICIENT_DATA(name), TRUE, FALSE, NOT or '('"
                    : "expected ALARM(name), OK(name), INSUFFICIENT_DATA(name), TRUE, FALSE, NOT or '(' at column " + (pos + 1));
        }

        /** A quoted name (any character but a quote) or a bare one (up to a space or parenthesis). */
        private String name() {
            skipSpaces();
            int start = pos;
            if (peek() == '"') {
                int end = text.indexOf('"', pos + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed \" at column " + (pos + 1));
                }
                pos = end + 1;
                return nonEmpty(text.substring(start + 1, end), start);
            }
            while (pos < text.length() && !Character.isWhitespace(text.charAt(pos)) && text.charAt(pos) != ')' && text.charAt(pos) != '(') {
                pos++;
            }
            return nonEmpty(text.substring(start, pos), start);
        }

        private static String nonEmpty(String name, int at) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("an alarm name is missing at column " + (at + 1));
            }
            return name.trim();
        }

        /** Consumes a keyword when it stands as a whole word here. */
        private boolean keyword(String word) {
            skipSpaces();
            int end = pos + word.length();
            if (!text.startsWith(word, pos) || end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                return false;
            }
            pos = end;
            return true;
        }

        private void expect(char c) {
            skipSpaces();
            if (peek() != c) {
                throw new IllegalArgumentException("expected '" + c + "' at column " + (pos + 1));
            }
            pos++;
        }

        private void enter() {
            if (++nesting > MAX_NESTING) {
                throw new IllegalArgumentException("nested deeper than " + MAX_NESTING + " levels at column " + (pos + 1));
            }
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : 0;
        }

        void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }
    }
}
