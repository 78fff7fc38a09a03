package io.pipewatch.notify.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.alert.Alert;
import io.pipewatch.notify.GroupNotification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What was sent about each alert, to whom and how it went: the notifications of an alert's page. A message is one
 * entry per alert it names, updated in place as its delivery moves on (retrying → delivered or refused). Bounded in
 * memory, both per alert and in alerts kept (least recently touched forgotten first): a monitoring service that
 * grows is the one that dies first. The outbox is the durable record of what is still to send; this is the story
 * since start.
 */
final class NotificationHistory {

    /** One message about one alert, as the page shows it. */
    record Notice(String receiver, long seq, String kind, Instant madeAt, Instant updatedAt, String outcome, String detail) {

        Notice with(String outcome, String detail, Instant at) {
            return new Notice(receiver, seq, kind, madeAt, at, outcome, detail);
        }
    }

    static final int PER_ALERT = 50;
    static final int ALERTS = 5_000;

    private final ObjectMapper json;
    private final Map<String, List<Notice>> byAlert = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Notice>> eldest) {
            return size() > ALERTS;
        }
    };

    NotificationHistory(ObjectMapper json) {
        this.json = json;
    }

    /** A message's delivery moved on: {@code delivered}, {@code retrying} or {@code refused}, with the receiver's word. */
    synchronized void record(Outbox.Entry entry, String outcome, String detail, Instant at) {
        GroupNotification n;
        try {
            n = json.readValue(entry.payload(), GroupNotification.class);
        } catch (JsonProcessingException e) {
            return; // what cannot be read was never a message of ours
        }
        String kind = n.repeat() ? "reminder" : null;
        for (Alert a : n.firing()) {
            note(a.id(), entry, kind != null ? kind : "firing", n.at(), outcome, detail, at);
        }
        for (Alert a : n.resolved()) {
            note(a.id(), entry, "resolved", n.at(), outcome, detail, at);
        }
    }

    private void note(String alert, Outbox.Entry entry, String kind, Instant madeAt, String outcome, String detail, Instant at) {
        List<Notice> notices = byAlert.computeIfAbsent(alert, k -> new ArrayList<>());
        for (int i = 0; i < notices.size(); i++) {
            Notice n = notices.get(i);
            if (n.receiver().equals(entry.receiver()) && n.seq() == entry.seq()) {
                notices.set(i, n.with(outcome, detail, at));
                return;
            }
        }
        notices.add(new Notice(entry.receiver(), entry.seq(), kind, madeAt, at, outcome, detail));
        if (notices.size() > PER_ALERT) {
            notices.remove(0);
        }
    }

    /** The alert's notices, newest first. */
    synchronized List<Notice> of(String alert) {
        List<Notice> out = new ArrayList<>(byAlert.getOrDefault(alert, List.of()));
        java.util.Collections.reverse(out);
        return out;
    }
}
