package io.pipewatch.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of a set of definition files so that all are reported at once. */
public final class DefinitionProblems {

    private final List<DefinitionProblem> problems = new ArrayList<>();

    public void add(DefinitionProblem problem) {
        problems.add(problem);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<DefinitionProblem> all() {
        return problems.stream()
                .sorted(Comparator.comparing((DefinitionProblem p) -> p.file().toString())
                        .thenComparingInt(DefinitionProblem::line)
                        .thenComparingInt(DefinitionProblem::column))
                .toList();
    }

    /** One line per problem. */
    public String report() {
        return String.join("\n", all().stream().map(DefinitionProblem::toString).toList());
    }
}
