package org.contactsync.google;

import org.contactsync.sync.CursorExpiredException;

/**
 * The stored cursor of a Google engine: {@code <version>;<fingerprint>;<sync token>}. The fingerprint names what the
 * token was issued for (selected groups, directory sources); when that changes, the token no longer describes the
 * local copy and the next incremental run becomes a full one.
 *
 * @param version     the engine's cursor format ("g1", "gd1")
 * @param fingerprint what the token was issued for
 * @param changed     why a token with another fingerprint is refused, for the log ("the selected groups changed")
 */
record GoogleCursor(String version, String fingerprint, String changed) {

    String of(String syncToken) {
        return version + ";" + fingerprint + ";" + syncToken;
    }

    /** The sync token in {@code cursor}; {@link CursorExpiredException} when there is none this engine can use. */
    String syncToken(String cursor) {
        if (cursor == null) {
            throw new CursorExpiredException("no stored Google sync token");
        }
        String[] parts = cursor.split(";", 3);
        if (parts.length != 3 || !version.equals(parts[0]) || parts[2].isEmpty()) {
            throw new CursorExpiredException("the stored Google sync token has an unknown format");
        }
        if (!parts[1].equals(fingerprint)) {
            throw new CursorExpiredException(changed);
        }
        return parts[2];
    }
}
