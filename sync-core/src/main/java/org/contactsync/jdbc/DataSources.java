package org.contactsync.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Builds the HikariCP connection pool for {@link JdbcSettings}. */
public final class DataSources {
    private DataSources() {
    }

    /**
     * A new pool; the caller closes it. It opens connections lazily enough not to fail here when the database is
     * briefly down, but the first use fails within {@link JdbcSettings#connectionTimeout()} with the reason.
     */
    public static HikariDataSource create(JdbcSettings settings, String poolName) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(settings.url());
        // Named explicitly so that the driver is found inside a WAR, whose jars DriverManager may not see.
        config.setDriverClassName(settings.dialect().driverClassName());
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        if (settings.schema() != null) {
            config.setSchema(settings.schema());
        }
        if (settings.dialect() == Dialect.POSTGRESQL) {
            // The server's error detail repeats the failing row (contact names, numbers); keep it out of messages.
            config.addDataSourceProperty("logServerErrorDetail", "false");
            // Plan each statement with its real parameters: a cached generic plan made while the tables were
            // nearly empty kept scanning whole tables during a first large load (measured: 100k took 351 s).
            config.addDataSourceProperty("prepareThreshold", "0");
            // Batches of inserts go as multi-row inserts: far fewer statements for the server to run.
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        config.setMaximumPoolSize(settings.maximumPoolSize());
        config.setMinimumIdle(Math.min(2, settings.maximumPoolSize()));
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setAutoCommit(true);
        // Do not fail construction: ContactSyncDatabase connects right after and reports the problem clearly.
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }
}
