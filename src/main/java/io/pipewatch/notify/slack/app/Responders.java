package io.pipewatch.notify.slack.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.logging.Log;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whose button presses act ({@code pipewatch.slack.responders}): everyone when the list is empty; otherwise the
 * users listed, and the members of the user groups listed, read with {@code usergroups.users.list} and kept for five
 * minutes. When a group cannot be read the press is refused: an unknown member must not silence the pager.
 */
final class Responders {

    static final Duration MEMBERS_KEPT = Duration.ofMinutes(5);

    private record Members(Set<String> users, Instant readAt) {
    }

    private final Set<String> users = new HashSet<>();
    private final List<String> groups;
    private final Optional<SlackWebApi> api;
    private final Clock clock;
    private final Map<String, Members> members = new ConcurrentHashMap<>();

    /** @param api the app's Web API, to read user groups; empty when no receiver is a Slack app */
    Responders(List<String> ids, Optional<SlackWebApi> api, Clock clock) {
        this.api = api;
        this.clock = clock;
        ids.stream().map(String::strip).filter(id -> !id.startsWith("S")).forEach(users::add);
        this.groups = ids.stream().map(String::strip).filter(id -> id.startsWith("S")).toList();
    }

    boolean anyone() {
        return users.isEmpty() && groups.isEmpty();
    }

    boolean allows(String userId) {
        if (anyone() || users.contains(userId)) {
            return true;
        }
        return groups.stream().anyMatch(group -> membersOf(group).contains(userId));
    }

    private Set<String> membersOf(String group) {
        Instant now = clock.instant();
        Members known = members.get(group);
        if (known != null && known.readAt().plus(MEMBERS_KEPT).isAfter(now)) {
            return known.users();
        }
        if (api.isEmpty()) {
            return Set.of();
        }
        try {
            JsonNode answer = api.get().read("usergroups.users.list", Map.of("usergroup", group));
            Set<String> read = new HashSet<>();
            answer.path("users").forEach(u -> read.add(u.asText()));
            members.put(group, new Members(Set.copyOf(read), now));
            return read;
        } catch (SlackApiException e) {
            Log.warnf("Cannot read the members of Slack user group %s (%s): its members' presses are refused until it can be read",
                    group, e.getMessage());
            return known == null ? Set.of() : known.users();
        }
    }
}
