package org.contactsync.sync;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;

import javax.net.ssl.SSLException;

/** Turns a failure into what a person reads: what happened and what to do. No stack traces, no internals. */
final class UserMessages {
    private UserMessages() {
    }

    static String forFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SyncSourceException s) {
                return s.getMessage();
            }
            if (t instanceof NoRouteToHostException) {
                return "Could not reach the contact source: no route to its host. Check the network and run the sync again.";
            }
            if (t instanceof ConnectException) {
                return "Could not reach the contact source: connection refused. Check the network and run the sync again.";
            }
            if (t instanceof UnknownHostException) {
                return "Could not reach the contact source: its host name is unknown. Check the network and the source's address, then run the sync again.";
            }
            if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
                return "The contact source did not answer in time. Run the sync again later; if it keeps failing, check the network.";
            }
            if (t instanceof SSLException) {
                return "Could not connect securely to the contact source (TLS failed). Check the server's certificates "
                        + "and any proxy between, then run the sync again.";
            }
            if (t instanceof NoSuchFileException f) {
                return "The contact file " + f.getFile() + " does not exist. Check the configured path and run the "
                        + "sync again.";
            }
            if (t instanceof AccessDeniedException f) {
                return "The contact file " + f.getFile() + " cannot be read (permission denied). Let the server's "
                        + "user read it and run the sync again.";
            }
            if (t instanceof SQLException) {
                return "Could not save contacts to the database. Check that the database is reachable and run the sync again.";
            }
        }
        return "The sync failed unexpectedly. Run the sync again; if it keeps failing, the server log has the details.";
    }

    /**
     * Whether a failure is one this code did not foresee (a bug, or a library misbehaving): those are logged once
     * with their stack trace. Source failures, cancellations and database trouble are expected.
     */
    static boolean isUnexpected(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SyncSourceException || t instanceof SyncCancelledException
                    || t instanceof CursorExpiredException || t instanceof SQLException
                    || t instanceof java.io.IOException) {
                return false;
            }
        }
        return true;
    }

    /** How many reasons the warning of a completed run names; the detail has them all. */
    private static final int REASONS_SHOWN = 3;

    /**
     * The warning of a completed run that skipped contacts ("2 of 300 contacts could not be read: card 3 (line 12,
     * "Ayşe"): …"), or null when none was skipped.
     */
    static String skippedWarning(SyncStats stats, java.util.List<String> reasons) {
        if (stats.errors() == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder().append(stats.errors()).append(" of ").append(stats.processed())
                .append(stats.processed() == 1 ? " contact" : " contacts").append(" could not be read and ")
                .append(stats.errors() == 1 ? "was" : "were").append(" skipped: ");
        int shown = Math.min(REASONS_SHOWN, reasons.size());
        sb.append(String.join("; ", reasons.subList(0, shown)));
        if (stats.errors() > shown) {
            sb.append("; and ").append(stats.errors() - shown).append(" more (see the details)");
        }
        return sb.append(". Stored copies of skipped contacts are kept. Fix them at the source and run the sync"
                + " again.").toString();
    }

    /** Every reason a completed run skipped a contact, one a line, or null when none was skipped. */
    static String skippedDetail(java.util.List<String> reasons) {
        return reasons.isEmpty() ? null : "Skipped (a stored copy of each is kept as it was):\n" + String.join("\n", reasons);
    }

    /**
     * The message of a run in which some sources failed: names the failed sources, says whether the others were
     * synced, then each failed source's own message ("Could not sync the source customers; the other sources were
     * synced. customers: Could not reach Google. …").
     */
    static String sourcesFailed(java.util.List<SourceOutcome> outcomes) {
        java.util.List<SourceOutcome> failed = outcomes.stream().filter(o -> o.status() != RunStatus.COMPLETED)
                .toList();
        java.util.List<String> names = failed.stream().map(SourceOutcome::source).toList();
        StringBuilder sb = new StringBuilder();
        if (failed.size() == outcomes.size()) {
            sb.append(failed.size() == 1 ? "Could not sync the source " : "Could not sync any of the sources ")
                    .append(joinNames(names)).append('.');
        } else {
            sb.append(failed.size() == 1 ? "Could not sync the source " : "Could not sync the sources ")
                    .append(joinNames(names)).append("; the other sources were synced.");
        }
        for (SourceOutcome o : failed) {
            sb.append(' ').append(o.source()).append(": ").append(o.message());
        }
        return sb.toString();
    }

    /** The technical detail of each failed source, one a line. */
    static String sourcesFailedDetail(java.util.List<SourceOutcome> outcomes) {
        StringBuilder sb = new StringBuilder();
        for (SourceOutcome o : outcomes) {
            if (o.status() != RunStatus.COMPLETED) {
                sb.append(sb.length() == 0 ? "" : "\n").append(o.source()).append(": ").append(o.detail());
            }
        }
        return sb.toString();
    }

    /** "a", "a and b", "a, b and c". */
    private static String joinNames(java.util.List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    static String detailFor(Throwable failure) {
        if (failure instanceof SyncSourceException s && s.detail() != null) {
            return s.detail();
        }
        StringBuilder sb = new StringBuilder();
        for (Throwable t = failure; t != null && sb.length() < 2000; t = t.getCause()) {
            if (sb.length() > 0) {
                sb.append(" <- ");
            }
            sb.append(t.getClass().getName());
            if (t.getMessage() != null) {
                sb.append(": ").append(t.getMessage());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return sb.toString();
    }
}
