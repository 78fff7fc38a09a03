package io.pipewatch.silence;

import io.pipewatch.alert.Alert;
import io.pipewatch.alert.Matcher;
import io.pipewatch.alert.TextLimit;
import io.pipewatch.config.Wall;
import io.pipewatch.config.LoadOnce;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The silences, kept in the {@link SilenceStore} and read once at first need; every change is
 * written through before it is acknowledged. An ended silence stays visible for a day, then expires.
 */
@ApplicationScoped
public class Silences implements SilenceQueries {

    static final Duration LONGEST = Duration.ofDays(30);
    /** Bounds on what one request may store: enough for any real silence, far below DynamoDB's 400 KB item. */
    static final int MAX_MATCHERS = 20;
    static final int MAX_MATCHER_LENGTH = 1100;
    static final int MAX_COMMENT_LENGTH = 1000;
    static final int MAX_NAME_LENGTH = 200;
    private static final Duration KEPT_AFTER_END = Duration.ofDays(1);

    private final SilenceStore store;
    private final Clock clock;
    private final Map<String, Silence> silences = new ConcurrentHashMap<>();
    private final LoadOnce stored = new LoadOnce();

    /** Told of each change, after it is stored; null in tests that build silences alone. */
    private final jakarta.enterprise.event.Event<SilenceChanged> changes;

    public Silences(SilenceStore store, @Wall Clock clock) {
        this(store, clock, null);
    }

    @jakarta.inject.Inject
    public Silences(SilenceStore store, @Wall Clock clock, jakarta.enterprise.event.Event<SilenceChanged> changes) {
        this.store = store;
        this.clock = clock;
        this.changes = changes;
    }

    /** A new silence for the request; @throws IllegalArgumentException naming the field that is wrong */
    public Silence create(List<String> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment, Instant now) {
        if (matchers == null || matchers.isEmpty()) {
            throw new IllegalArgumentException("matchers: give at least one, such as alarm=stream-consumers-falling-behind");
        }
        if (matchers.size() > MAX_MATCHERS) {
            throw new IllegalArgumentException("matchers: at most " + MAX_MATCHERS + " (got " + matchers.size() + ")");
        }
        for (String m : matchers) {
            TextLimit.check("matchers", m, MAX_MATCHER_LENGTH);
        }
        TextLimit.check("createdBy", createdBy, MAX_NAME_LENGTH);
        TextLimit.check("comment", comment, MAX_COMMENT_LENGTH);
        List<Matcher> parsed = matchers.stream().map(m -> {
            try {
                return Matcher.parse(m);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("matchers: " + e.getMessage());
            }
        }).toList();
        if (createdBy == null || createdBy.isBlank()) {
            throw new IllegalArgumentException("createdBy: say who silences, so on-call knows whom to ask");
        }
        if (comment == null || comment.isBlank()) {
            throw new IllegalArgumentException("comment: say why, e.g. a ticket or planned work");
        }
        if (!endsAt.isAfter(startsAt) || !endsAt.isAfter(now)) {
            throw new IllegalArgumentException("endsAt: must be after startsAt and in the future");
        }
        if (Duration.between(startsAt, endsAt).compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("duration: at most " + LONGEST.toDays() + " days; a longer silence is a deleted alarm");
        }
        Silence silence = new Silence(UUID.randomUUID().toString(), parsed, startsAt, endsAt, createdBy.strip(),
                comment.strip(), now, null);
        save(silence);
        Log.infof("Silence %s by %s until %s: %s (%s)", silence.id(), silence.createdBy(), endsAt, parsed, silence.comment());
        return silence;
    }

    /** Ends the silence now; empty when there is none with this id. */
    public Optional<Silence> expire(String id, Instant now, String by) {
        Silence current = all().stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
        if (current == null) {
            return Optional.empty();
        }
        Silence ended = current.endsAt().isAfter(now) ? current.expiredAt(now, by) : current;
        save(ended);
        if (ended != current) {
            Log.infof("Silence %s ended by %s", id, by);
        }
        return Optional.of(ended);
    }

    /** Asked for every alert of every group that falls due: no sorting, no pruning. */
    public boolean silenced(Alert alert, Instant now) {
        load();
        return silences.values().stream().anyMatch(s -> s.silences(alert, now));
    }

    @Override
    public Optional<Silence> silencing(Alert alert, Instant now) {
        return all().stream().filter(s -> s.silences(alert, now)).findFirst();
    }

    @Override
    public List<Silence> all() {
        load();
        Instant forgotten = clock.instant().minus(KEPT_AFTER_END);
        silences.values().removeIf(s -> s.endsAt().isBefore(forgotten));
        return silences.values().stream().sorted(Comparator.comparing(Silence::endsAt).reversed()).toList();
    }

    private void save(Silence silence) {
        load();
        store.save(silence, silence.endsAt().plus(KEPT_AFTER_END));
        silences.put(silence.id(), silence);
        if (changes != null) {
            changes.fire(new SilenceChanged(silence));
        }
    }

    /**
     * Reads the stored silences once. While the store cannot be read, alerts are sent rather than held
     * back by silences nobody can see (a failed read is tried again after 30 s), and pages
     * stay up.
     */
    private void load() {
        stored.ensure(() -> store.load().forEach(s -> silences.putIfAbsent(s.id(), s)), storeDown -> Log.errorf("Cannot read silences from the store (%s); alerts are sent unsilenced until it answers",
                storeDown.getMessage()));
    }
}
