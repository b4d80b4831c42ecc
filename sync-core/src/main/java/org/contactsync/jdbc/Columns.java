package org.contactsync.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** Small conversions between Java values and column values. */
final class Columns {
    private Columns() {
    }

    /** One item a line; backslash and newline escaped. Null for an empty list, so [] and [""] stay apart. */
    static String encodeList(List<String> items) {
        if (items.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (String item : items) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            for (int i = 0; i < item.length(); i++) {
                char ch = item.charAt(i);
                switch (ch) {
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    default -> sb.append(ch);
                }
            }
        }
        return sb.toString();
    }

    static List<String> decodeList(String column) {
        if (column == null) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < column.length(); i++) {
            char ch = column.charAt(i);
            if (ch == '\\' && i + 1 < column.length()) {
                char next = column.charAt(++i);
                sb.append(next == 'n' ? '\n' : next);
            } else if (ch == '\n') {
                items.add(sb.toString());
                sb.setLength(0);
            } else {
                sb.append(ch);
            }
        }
        items.add(sb.toString());
        return items;
    }

    /** At most {@code max} chars, never splitting a surrogate pair. */
    static String fit(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }

    /** A LIKE pattern matching {@code text} literally (escape character: backslash). */
    static String likeLiteral(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\\' || ch == '%' || ch == '_') {
                sb.append('\\');
            }
            sb.append(ch);
        }
        return sb.toString();
    }

    /**
     * Binds the plain values every store passes (text, whole numbers, booleans; null as a NULL text). Instants go
     * through {@link Dialect#setInstant}, which knows each database's time type.
     */
    static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else if (value instanceof String text) {
            ps.setString(index, text);
        } else if (value instanceof Long n) {
            ps.setLong(index, n);
        } else if (value instanceof Integer n) {
            ps.setInt(index, n);
        } else if (value instanceof Boolean b) {
            ps.setBoolean(index, b);
        } else {
            throw new IllegalArgumentException("cannot bind a " + value.getClass().getName() + " parameter");
        }
    }

    /** Binds {@code values} to parameters 1, 2, ... */
    static void bindAll(PreparedStatement ps, List<?> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            bind(ps, i + 1, values.get(i));
        }
    }

    static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
