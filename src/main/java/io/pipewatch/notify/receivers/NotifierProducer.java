package io.pipewatch.notify.receivers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.notify.Notifier;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The receivers ({@link SlackReceivers}) as beans. Kept in {@code notify.receivers}, the one package that knows every
 * kind of receiver (webhook, Slack app, log), so the base {@code notify} package (the notifier contract) depends on none
 * of its sub-packages and each receiver's package on no other.
 */
public class NotifierProducer {

    public static final String DEFAULT_RECEIVER = SlackReceivers.DEFAULT_RECEIVER;

    /** Every receiver, the default first. */
    @Produces
    @Singleton
    List<Notifier> notifiers(PipewatchConfig config, ObjectMapper json) {
        return SlackReceivers.build(config, json);
    }
}
