package io.pipewatch.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.alert.AlertStore;
import io.pipewatch.alert.AlertStoreContract;
import io.pipewatch.incident.IncidentStore;
import io.pipewatch.incident.IncidentStoreContract;
import io.pipewatch.notify.delivery.Outbox;
import io.pipewatch.notify.delivery.OutboxContract;
import io.pipewatch.silence.SilenceStore;
import io.pipewatch.silence.SilenceStoreContract;
import io.pipewatch.source.sns.SeenMessages;
import io.pipewatch.source.sns.SeenMessagesContract;
import io.pipewatch.store.journal.Journal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** The embedded default's adapters keep each storage port's contract, on a journal on disk. */
class JournalPortsTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private final List<Journal> opened = new ArrayList<>();
    private final List<Path> directories = new ArrayList<>();

    private Journal journal(java.time.Clock clock) {
        try {
            Path directory = Files.createTempDirectory("pipewatch-journal");
            directories.add(directory);
            Journal journal = Journal.open(directory, clock);
            opened.add(journal);
            return journal;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Documents documents(java.time.Clock clock) {
        return new JournalDocuments(journal(clock));
    }

    @AfterEach
    void closeAll() throws java.io.IOException {
        opened.forEach(Journal::close);
        for (Path directory : directories) {
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Nested
    class HeldSnsMessages extends io.pipewatch.source.sns.HeldMessagesContract {
        @Override
        protected io.pipewatch.source.sns.HeldMessages newStore(java.time.Clock clock) {
            return new StateTableHeldMessages(documents(clock));
        }
    }

    @Nested
    class Alerts extends AlertStoreContract {
        @Override
        protected AlertStore newStore() {
            return new StateTableAlertStore(documents(java.time.Clock.systemUTC()), JSON);
        }
    }

    @Nested
    class Incidents extends IncidentStoreContract {
        @Override
        protected IncidentStore newStore(java.time.Clock clock) {
            return new StateTableIncidentStore(documents(clock), JSON);
        }
    }

    @Nested
    class Silences extends SilenceStoreContract {
        @Override
        protected SilenceStore newStore(java.time.Clock clock) {
            return new StateTableSilenceStore(documents(clock), JSON);
        }
    }

    @Nested
    class SnsMessageIds extends SeenMessagesContract {
        @Override
        protected SeenMessages newSeen(java.time.Clock clock) {
            return new StateTableSeenMessages(documents(clock));
        }
    }

    @Nested
    class Notifications extends OutboxContract {
        @Override
        protected Outbox newOutbox(java.time.Clock clock) {
            return new JournalOutbox(journal(clock), clock);
        }
    }
}
