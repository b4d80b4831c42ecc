package org.contactsync.google;

import java.time.Instant;

/**
 * Whether a Google account is connected. Never carries a token.
 *
 * @param configured   whether an OAuth client id and secret are set
 * @param connected    whether a refresh token is stored
 * @param accountEmail the account's email when Google told us, else null
 * @param connectedAt  when it was connected, else null
 */
public record GoogleConnectionStatus(boolean configured, boolean connected, String accountEmail,
                                     Instant connectedAt) {
}
