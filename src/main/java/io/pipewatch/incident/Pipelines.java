package io.pipewatch.incident;

import java.util.List;

/** The pipelines Pipewatch watches, stage by stage: a port, as the dashboards describe them. */
public interface Pipelines {

    List<Pipeline> all();
}
