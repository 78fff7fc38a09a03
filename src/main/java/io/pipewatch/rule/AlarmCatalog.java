package io.pipewatch.rule;

import io.pipewatch.config.DefinitionProblems;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.signal.SeriesDemand;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** The alarms loaded from {@code pipewatch.alarms-dir} at start, with the problems found in them. */
@ApplicationScoped
public class AlarmCatalog {

    private final List<AlarmDefinition> alarms;
    private final DefinitionProblems problems = new DefinitionProblems();

    public AlarmCatalog(PipewatchConfig config, SeriesDemand demand) {
        this.alarms = List.copyOf(new AlarmLoader().load(config.alarmsDir(), problems));
        demand.register("alarms", alarms.stream().flatMap(a -> a.seriesKeys().stream()).toList());
    }

    public List<AlarmDefinition> all() {
        return alarms;
    }

    public Optional<AlarmDefinition> byId(String id) {
        return alarms.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    public DefinitionProblems problems() {
        return problems;
    }
}
