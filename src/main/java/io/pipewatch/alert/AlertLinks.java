package io.pipewatch.alert;

import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.rule.AlarmDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/** Absolute links for messages: relative runbooks and dashboards hang off {@code PIPEWATCH_PUBLIC_URL}. */
@ApplicationScoped
public class AlertLinks {

    private final String base;

    public AlertLinks(PipewatchConfig config) {
        this.base = config.publicUrl().replaceAll("/+$", "");
    }

    public String runbook(AlarmDefinition alarm) {
        return absolute(alarm.runbook());
    }

    public String dashboard(AlarmDefinition alarm) {
        return base + alarm.dashboard().map(id -> "/dashboards/" + id).orElse("/");
    }

    /** Where every alert and dashboard is listed. */
    public String home() {
        return base + "/";
    }

    private String absolute(String link) {
        return link.startsWith("/") ? base + link : link;
    }
}
