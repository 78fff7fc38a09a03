package io.pipewatch.notify.slack.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipewatch.notify.EditingNotifier;
import io.pipewatch.notify.GroupNotification;
import io.pipewatch.notify.PostedMessage;
import io.pipewatch.notify.Redactor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A Slack app receiver: one message per conversation (with the default route, per incident), posted with
 * {@code chat.postMessage} when it opens and edited with {@code chat.update} at every change, each change also told in
 * one line in the message's thread. A message that was deleted, or one about an incident that ended before this one
 * began, is not edited: a new one is posted. Failures are Slack's own words ({@link SlackWebApi}); a thread line that
 * fails after its edit succeeded fails the delivery, and the retry edits again (the same content) before replying.
 */
public final class SlackAppNotifier implements EditingNotifier {

    private final String name;
    private final String channel;
    private final SlackWebApi api;

    /** @param channel where new messages go: a channel id ({@code C0123…}) or name; edits go where the message is */
    public SlackAppNotifier(String name, String channel, SlackWebApi api) {
        this.name = name;
        this.channel = channel;
        this.api = api;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PostedMessage deliver(GroupNotification n, Optional<PostedMessage> earlier) throws SlackApiException {
        Map<String, Object> message = SlackAppMessage.of(n);
        String incident = n.incident() == null ? null : n.incident().id();
        boolean open = n.firingCount() > 0;
        if (earlier.isPresent() && continues(earlier.get(), incident)) {
            PostedMessage before = earlier.get();
            Map<String, Object> edit = new LinkedHashMap<>(message);
            edit.put("channel", before.channel());
            edit.put("ts", before.ts());
            try {
                api.call("chat.update", edit);
            } catch (SlackApiException e) {
                if (!"message_not_found".equals(e.error())) {
                    throw e;
                }
                return post(message, incident, open, n); // deleted in Slack: a new message, not silence
            }
            String line = SlackAppMessage.reply(n, before.shown(), before.open());
            if (!line.isEmpty()) {
                Map<String, Object> reply = new LinkedHashMap<>();
                reply.put("channel", before.channel());
                reply.put("thread_ts", before.ts());
                reply.put("text", line);
                // A reminder is for the channel, not only for those who follow the thread.
                reply.put("reply_broadcast", n.repeat());
                api.call("chat.postMessage", reply);
            }
            return new PostedMessage(before.channel(), before.ts(), incident, open, SlackAppMessage.shown(n));
        }
        return post(message, incident, open, n);
    }

    /**
     * The same conversation goes on in the same message while it is open, and when it reopens for the same incident;
     * a new firing after everything had resolved, on no incident or another one, is news of its own.
     */
    private static boolean continues(PostedMessage before, String incident) {
        return before.open() || incident != null && incident.equals(before.incident());
    }

    private PostedMessage post(Map<String, Object> message, String incident, boolean open, GroupNotification n)
            throws SlackApiException {
        Map<String, Object> post = new LinkedHashMap<>(message);
        post.put("channel", channel);
        JsonNode answer = api.call("chat.postMessage", post);
        String ts = answer.path("ts").asText("");
        if (ts.isEmpty()) {
            throw new SlackApiException("Slack chat.postMessage answered ok without the message's ts", "", false, Optional.empty());
        }
        // Slack answers the channel's id, which chat.update needs, even when the message was posted to its name.
        return new PostedMessage(answer.path("channel").asText(channel), ts, incident, open, SlackAppMessage.shown(n));
    }

    /** The Web API as this receiver reaches it: its token, its base URL. */
    SlackWebApi api() {
        return api;
    }

    @Override
    public Redactor redactor() {
        return api.redactor();
    }
}
