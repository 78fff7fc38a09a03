package io.pipewatch.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.notify.slack.SlackNotifier;
import io.pipewatch.notify.slack.WebhookUrl;
import io.pipewatch.store.DynamoDbClients;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/** The receivers: {@code slack} (the log when no webhook is configured) and each of {@code pipewatch.receivers}. */
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

    /** In the store: DynamoDB Local on the embedded default, the account's DynamoDB in aws mode. */
    @Produces
    @Singleton
    Outbox outbox(PipewatchConfig config, DynamoDbClients clients) {
        return new Outbox(clients::dynamoDb, config.delivery().outboxTable());
    }
}
