package io.pipewatch.alert;

import java.util.Optional;

/**
 * Port: someone owns a firing alert. For those that act for a person outside the alert package (Slack's Acknowledge
 * button), so they can acknowledge without holding the tracker that evaluates and stores every alert.
 */
public interface Acknowledgements {

    /** @return the alert acknowledged; empty when it is not firing (nothing to own) */
    Optional<Alert> acknowledge(String id, Acknowledgement ack);
}
