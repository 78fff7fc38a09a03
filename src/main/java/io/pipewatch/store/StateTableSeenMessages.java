package io.pipewatch.store;

import io.pipewatch.source.sns.SeenMessages;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** SNS message ids on the state documents ({@link Documents}): kind {@code sns}, an empty document that expires. */
@ApplicationScoped
public class StateTableSeenMessages implements SeenMessages {

    private static final String KIND = "sns";

    private final Documents table;

    public StateTableSeenMessages(Documents table) {
        this.table = table;
    }

    @Override
    public boolean seen(String messageId) {
        return table.get(KIND, messageId).isPresent();
    }

    @Override
    public void remember(String messageId, Instant until) {
        table.put(KIND, messageId, "{}", until);
    }
}
