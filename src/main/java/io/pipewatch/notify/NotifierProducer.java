package io.pipewatch.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.notify.slack.SlackNotifier;
import io.pipewatch.notify.slack.WebhookUrl;
import io.pipewatch.store.DynamoDbClients;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Slack when a webhook is configured, otherwise the log. */
public class NotifierProducer {

    @Produces
    @Singleton
    Notifier notifier(PipewatchConfig config, ObjectMapper json) {
        return config.slack().webhookUrl()
                .filter(url -> !url.isBlank())
                .<Notifier>map(url -> new SlackNotifier(WebhookUrl.parse(url), config.slack().timeout(), json))
                .orElseGet(LogNotifier::new);
    }

    /** In the store: DynamoDB Local on the embedded default, the account's DynamoDB in aws mode. */
    @Produces
    @Singleton
    Outbox outbox(PipewatchConfig config, DynamoDbClients clients) {
        return new Outbox(clients::dynamoDb, config.delivery().outboxTable());
    }
}
