package io.pipewatch.aws.dynamodb;

import java.nio.file.Path;

/**
 * Decides where the embedded store keeps its data: on disk (the default, {@code data/}), so undelivered
 * notifications, alert states and stream checkpoints survive a restart or a {@code kill -9}; or in memory
 * when {@code pipewatch.store.path} is the word {@code memory}, for throwaway runs and tests. A directory
 * really named {@code memory} is written {@code ./memory}.
 */
public sealed interface StoreLocation {

    /** The value of {@code pipewatch.store.path} that asks for a throwaway in-memory store. */
    String MEMORY = "memory";

    /** Reads {@code pipewatch.store.path}. */
    static StoreLocation of(Path configured) {
        return configured.toString().equals(MEMORY) ? new InMemory() : new OnDisk(configured.toAbsolutePath().normalize());
    }

    /** Gone when the process ends. */
    record InMemory() implements StoreLocation {
        @Override
        public String toString() {
            return "in memory (nothing survives a restart)";
        }
    }

    /** DynamoDB Local's file in {@code directory}, shared by every access key so per-start credentials find it. */
    record OnDisk(Path directory) implements StoreLocation {
        @Override
        public String toString() {
            return "on disk in " + directory;
        }
    }
}
