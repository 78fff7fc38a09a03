package io.pipewatch.incident;

import io.pipewatch.alert.AlertNotification;
import java.util.Optional;

/**
 * An alert change that people must hear of, with the incident it belongs to now (empty only for an alert that belongs
 * to none, such as an acknowledgement of an alert whose incident is long forgotten). Delivery takes these, not bare
 * alert changes, so that a message can be about an incident.
 */
public record IncidentUpdate(AlertNotification change, Optional<Incident> incident) {
}
