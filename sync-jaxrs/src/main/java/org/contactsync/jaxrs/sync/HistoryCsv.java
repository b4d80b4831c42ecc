package org.contactsync.jaxrs.sync;

import java.time.Instant;
import java.util.List;

/**
 * Sync history as RFC 4180 CSV for spreadsheets. Every text cell is quoted, and one that a spreadsheet would run
 * as a formula (starting with = + - @ tab or carriage return) gets a leading apostrophe, so an error message
 * from a source cannot inject a formula.
 */
final class HistoryCsv {
    static final String HEADER = "id,started_at,completed_at,status,state,type,trigger,contacts_added,"
            + "contacts_updated,contacts_deleted,contacts_unchanged,errors,duration_ms,error";

    private HistoryCsv() {
    }

    static String write(List<SyncJson.HistoryItem> items) {
        StringBuilder sb = new StringBuilder(HEADER.length() + items.size() * 160);
        sb.append(HEADER).append("\r\n");
        for (SyncJson.HistoryItem i : items) {
            sb.append(i.id()).append(',')
                    .append(text(time(i.startedAt()))).append(',')
                    .append(text(time(i.completedAt()))).append(',')
                    .append(text(i.status())).append(',')
                    .append(text(i.state())).append(',')
                    .append(text(i.type())).append(',')
                    .append(text(i.trigger())).append(',')
                    .append(i.contactsAdded()).append(',')
                    .append(i.contactsUpdated()).append(',')
                    .append(i.contactsDeleted()).append(',')
                    .append(i.contactsUnchanged()).append(',')
                    .append(i.errors()).append(',')
                    .append(i.durationMs()).append(',')
                    .append(text(i.error())).append("\r\n");
        }
        return sb.toString();
    }

    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = value;
        char first = value.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            safe = "'" + value;
        }
        return '"' + safe.replace("\"", "\"\"") + '"';
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
