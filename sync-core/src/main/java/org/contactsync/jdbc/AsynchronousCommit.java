package org.contactsync.jdbc;

/**
 * PostgreSQL: an UPDATE that lets its own transaction commit without waiting for the WAL to reach the disk, said in
 * the statement itself instead of a {@code SET LOCAL synchronous_commit} round trip before it. Each round trip is
 * a turn the writer waits for the server, and on 2 busy cores a turn costs more than its work (measured with
 * psql, 1,000 single-row autocommit UPDATEs: 540–640 ms plain, 245–295 ms with this prefix).
 *
 * <p>Used for what can be lost whole and written again: each batch of a run's contacts (a full sync of 100k commits
 * 200) and each lease renewal. A crash of the database server loses at most the last of these, whole, never half
 * of one; and no run can record its end or its new sync cursor without its batches, because the WAL is flushed in
 * order and those records commit synchronously after them, so the next sync writes a lost batch again. A lost
 * renewal only makes the lease look older, the safe direction.
 *
 * <p>Prefix the UPDATE with {@link #WITH} and name {@link #TABLE} in its FROM. With autocommit it applies to the
 * statement's own transaction. An UPDATE that matches no row may leave it unevaluated, and that commit then waits
 * for the disk as usual: the safe direction.
 */
final class AsynchronousCommit {
    /** The one-row table whose evaluation turns synchronous commit off until the transaction ends. */
    static final String TABLE = "no_wal_flush";
    static final String WITH = "WITH " + TABLE + " AS (SELECT set_config('synchronous_commit', 'off', true)) ";

    private AsynchronousCommit() {
    }
}
