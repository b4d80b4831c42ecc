package org.contactsync.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.contactsync.contact.PhoneNumber;
import org.contactsync.contact.PhoneType;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration V130.1, between V130 (adds the columns) and V130.2 (drops the phone rows' table): copies every stored
 * phone number into its contact's row, encoded as {@link PhoneColumns} writes it. Java rather than SQL because the
 * encoding must be exactly the store's, and Derby has no string aggregation.
 */
final class PhonesIntoContactRows implements JavaMigration {
    private static final int BATCH = 500;

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("130.1");
    }

    @Override
    public String getDescription() {
        return "phones into contact rows";
    }

    @Override
    public Integer getChecksum() {
        return 1301;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        try (PreparedStatement read = c.prepareStatement("SELECT contact_id, phone_number, phone_type, is_primary "
                + "FROM cs_contact_phones ORDER BY contact_id, sort_order");
             PreparedStatement write = c.prepareStatement(
                     "UPDATE cs_contacts SET phones = ?, phone_digits = ? WHERE id = ?");
             ResultSet rs = read.executeQuery()) {
            long current = -1;
            List<PhoneNumber> phones = new ArrayList<>();
            int pending = 0;
            while (rs.next()) {
                long id = rs.getLong(1);
                if (id != current && !phones.isEmpty()) {
                    pending = add(write, current, phones, pending);
                }
                current = id;
                phones.add(new PhoneNumber(rs.getString(2), PhoneType.valueOf(rs.getString(3)), null,
                        rs.getBoolean(4)));
            }
            if (!phones.isEmpty()) {
                pending = add(write, current, phones, pending);
            }
            if (pending > 0) {
                write.executeBatch();
            }
        }
    }

    /** Adds one contact's update to the batch (and empties {@code phones}); answers the updates not yet sent. */
    private static int add(PreparedStatement write, long id, List<PhoneNumber> phones, int pending)
            throws SQLException {
        write.setString(1, PhoneColumns.encode(phones));
        write.setString(2, PhoneColumns.digits(phones));
        write.setLong(3, id);
        write.addBatch();
        phones.clear();
        if (pending + 1 == BATCH) {
            write.executeBatch();
            return 0;
        }
        return pending + 1;
    }
}
