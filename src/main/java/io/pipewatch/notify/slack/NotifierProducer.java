package io.pipewatch.notify.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.notify.LogNotifier;
import io.pipewatch.notify.Notifier;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * The receivers: {@code slack} (the log when no webhook is configured) and each of {@code pipewatch.receivers}.
 * Kept in {@code notify.slack}, beside the notifier it builds, so the base {@code notify} package (the
 * notifier contract) depends on none of its sub-packages.
 */
public class NotifierProducer {

    public static final String DEFAULT_RECEIVER = "slack";

    /** Every receiver, the default first. */
    @Produces
    @Singleton
    List<Notifier> notifiers(PipewatchConfig config, ObjectMapper json) {
        List<Notifier> out = new ArrayList<>();
        out.add(config.slack().webhookUrl()
                .filter(url -> !url.isBlank())
                .<Notifier>map(url -> new SlackNotifier(DEFAULT_RECEIVER, WebhookUrl.parse(url), config.slack().timeout(), json))
                .orElseGet(() -> new LogNotifier(DEFAULT_RECEIVER)));
        config.receivers().forEach((name, receiver) -> out.add(new SlackNotifier(name,
                WebhookUrl.parse(receiver.webhookUrl(), "pipewatch.receivers." + name + ".webhook-url"), config.slack().timeout(), json)));
        return out;
    }
}
