package io.pipewatch.store;

import io.pipewatch.source.sns.HeldMessages;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** SNS messages held by followers, on the state documents: kind {@code sns-held}, the alarm's JSON as the document. */
@ApplicationScoped
public class StateTableHeldMessages implements HeldMessages {

    private static final String KIND = "sns-held";

    private final Documents table;

    public StateTableHeldMessages(Documents table) {
        this.table = table;
    }

    @Override
    public void hold(String messageId, String alarmJson, Instant until) {
        table.put(KIND, messageId, alarmJson, until);
    }

    @Override
    public List<Held> held() {
        return table.all(KIND).entrySet().stream().map(e -> new Held(e.getKey(), e.getValue())).toList();
    }

    @Override
    public void release(String messageId) {
        table.delete(KIND, messageId);
    }
}
