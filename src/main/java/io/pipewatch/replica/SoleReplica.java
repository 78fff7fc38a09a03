package io.pipewatch.replica;

import java.util.function.Consumer;

/** The only replica there can be: its store is embedded in this process, so it leads from the start and needs no lease. */
public final class SoleReplica implements Leadership {

    private final String id;

    public SoleReplica(String id) {
        this.id = id;
    }

    @Override
    public boolean alone() {
        return true;
    }

    @Override
    public boolean leading() {
        return true;
    }

    @Override
    public Fence fence() {
        return new Fence.None();
    }

    @Override
    public ReplicaStatus status() {
        return new ReplicaStatus(id, true, id, null, null);
    }

    @Override
    public java.util.Optional<String> leaderUrl() {
        return java.util.Optional.empty();
    }

    @Override
    public void whenLeading(Runnable duties) {
        duties.run();
    }

    @Override
    public void whenDeposed(Consumer<String> deposed) {
        // never deposed
    }
}
