package org.contactsync.jdbc;

import java.nio.file.Path;
import java.sql.Driver;
import java.sql.DriverManager;
import java.util.Collections;
import java.util.Locale;

/**
 * Run in a child JVM by {@link DerbyEngineShutdownTest}: opens a Derby file database as the web app does, closes
 * it, and prints what Derby left behind (its threads and its registered driver).
 */
public final class DerbyEngineShutdownMain {
    private DerbyEngineShutdownMain() {
    }

    public static void main(String[] args) throws Exception {
        try (ContactSyncDatabase db = ContactSyncDatabase.configure()
                .settings(JdbcSettings.derbyFile(Path.of(args[0])))
                .shutdownDerbyEngineOnClose(true)
                .load()) {
            db.contactStore().count();
            System.out.println("derby-threads-while-open=" + derbyThreads());
        }
        boolean driverRegistered = false;
        for (Driver d : Collections.list(DriverManager.getDrivers())) {
            driverRegistered |= d.getClass().getName().startsWith("org.apache.derby");
        }
        System.out.println("derby-threads-after-close=" + derbyThreads());
        System.out.println("derby-driver-registered=" + driverRegistered);
    }

    private static long derbyThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().toLowerCase(Locale.ROOT).contains("derby")).count();
    }
}
