package org.contactsync.sync;

/**
 * The answer to a lease renewal.
 *
 * @param leaseHeld       false when the lease was lost (expired and taken over, or the run was marked interrupted):
 *                        the run must stop writing
 * @param cancelRequested whether any node asked to cancel this run
 */
public record Heartbeat(boolean leaseHeld, boolean cancelRequested) {
}
