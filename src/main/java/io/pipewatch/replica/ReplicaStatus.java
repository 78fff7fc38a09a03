package io.pipewatch.replica;

import java.time.Instant;

/**
 * This replica as {@code GET /api/status} shows it ({@code replica}).
 *
 * @param leaderId the replica that holds the lease, as last read; null when none does
 * @param leaseExpiresAt when that lease lapses by its holder's clock; null when none is held
 * @param lastError why the last look at the lease failed (the store did not answer), or null
 */
public record ReplicaStatus(String id, boolean leader, String leaderId, Instant leaseExpiresAt, String lastError) {
}
