package io.pipewatch.rule;

import io.pipewatch.signal.MetricId;
import java.util.List;
import java.util.Set;

/**
 * What makes an alarm composite: its rule over other alarms of {@code alarms/}, those alarms by id (in the order
 * the rule names them), and what they watch, so the composite is placed where its children are (same stage, same
 * incident) instead of nowhere.
 */
public record Composite(CompositeRule rule, List<String> children, Set<MetricId> metrics, String resource) {

    /** How a composite's condition begins, for people and for telling its alerts apart. */
    public static final String CONDITION = "composite: ";

    public Composite {
        children = List.copyOf(children);
        if (!children.isEmpty() && children.size() != rule.children().size()) {
            throw new IllegalArgumentException("one id for each alarm the rule names, in its order");
        }
        metrics = Set.copyOf(metrics);
    }

    /** Each alarm as the rule writes it (a name or an id) → its id: {@code children} holds the ids in the rule's order. */
    public java.util.Map<String, String> idsByName() {
        java.util.Map<String, String> ids = new java.util.HashMap<>();
        List<String> written = List.copyOf(rule.children());
        for (int i = 0; i < written.size(); i++) {
            ids.put(written.get(i), children.get(i));
        }
        return ids;
    }

    /**
     * The composite's verdict from its children's current states: ALARM while the rule holds, else OK. Never
     * INSUFFICIENT_DATA: CloudWatch puts a composite there only when it is created, before its first evaluation.
     */
    public Outcome evaluate(java.util.function.Function<String, CompositeRule.State> stateOf) {
        java.util.Map<String, String> ids = idsByName();
        boolean holds = rule.holds(name -> stateOf.apply(ids.getOrDefault(name, name)));
        String states = String.join(", ", children.stream().distinct().map(c -> c + " is " + stateOf.apply(c)).toList());
        return new Outcome(holds ? Verdict.ALARM : Verdict.OK, holds ? 1 : 0, 1, null,
                (holds ? "the rule holds: " : "the rule does not hold: ") + states);
    }
}
