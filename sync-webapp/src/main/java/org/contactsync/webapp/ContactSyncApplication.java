package org.contactsync.webapp;

import java.time.Clock;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.contactsync.audit.ConfigAtStart;
import org.contactsync.audit.ConfigEvent;
import org.contactsync.audit.ConfigEventRecorder;
import org.contactsync.directory.CiscoDirectory;
import org.contactsync.directory.DirectorySnapshot;
import org.contactsync.google.GoogleAccount;
import org.contactsync.google.GooglePeopleSyncEngine;
import org.contactsync.alert.AlertDispatcher;
import org.contactsync.alert.SyncAlerts;
import org.contactsync.alert.WebhookAlertSender;
import org.contactsync.health.HealthChecker;
import org.contactsync.health.HealthChecks;
import org.contactsync.health.SyncFreshness;
import org.contactsync.jaxrs.ApiSettings;
import org.contactsync.jaxrs.ContactSyncFeature;
import org.contactsync.jaxrs.contact.DuplicatesResource;
import org.contactsync.jaxrs.directory.DirectoryPhonesResource;
import org.contactsync.jaxrs.directory.DirectoryResource;
import org.contactsync.jaxrs.metrics.ContactSyncMetrics;
import org.contactsync.jaxrs.sync.ScheduleResource;
import org.contactsync.metrics.SourceCallListener;
import org.contactsync.jaxrs.directory.DirectorySettings;
import org.contactsync.jaxrs.support.LoginThrottle;
import org.contactsync.jaxrs.google.GoogleAuthResource;
import org.contactsync.jdbc.ContactSyncDatabase;
import org.contactsync.jdbc.JdbcSettings;
import org.contactsync.sync.SyncEngine;
import org.contactsync.sync.SyncManager;
import org.contactsync.sync.SyncSchedule;
import org.contactsync.sync.SyncScheduler;
import org.contactsync.vcard.VCardSyncEngine;
import org.contactsync.webapp.config.ContactSyncConfig;
import org.contactsync.webapp.config.ContactSyncConfig.AuthMode;
import org.contactsync.webapp.security.AdminAuthFilter;
import org.contactsync.webapp.security.AdminCredentials;
import org.contactsync.webapp.security.PasswordCheck;
import org.glassfish.jersey.server.ResourceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the web application runs, built from a {@link ContactSyncConfig}: database and stores, the engine,
 * the {@link SyncManager}, the scheduler, the phone directory, the Google account and the admin credentials.
 * Wiring only; the sync logic lives in sync-core. {@link #close()} stops it all in reverse order.
 */
public final class ContactSyncApplication implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ContactSyncApplication.class);

    private final ContactSyncConfig config;
    private final ContactSyncDatabase database;
    private final GoogleAccount googleAccount;
    private final SyncManager manager;
    private final SyncScheduler scheduler;
    private final CiscoDirectory directory;
    private final AdminCredentials.Loaded admin;
    private final AdminCredentials viewer;
    private final ConfigEventRecorder configEvents;
    private final PasswordCheck passwordCheck;
    private final List<Object> extraComponents;
    private final SyncFreshness freshness;
    private final ContactSyncMetrics metrics;
    private final SyncAlerts alerts;

    private ContactSyncApplication(Builder b) {
        this.config = b.config;
        this.extraComponents = List.copyOf(b.components);
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            this.database = ContactSyncDatabase.configure()
                    .settings(new JdbcSettings(config.database().url(), config.database().user(),
                            config.database().password()))
                    .poolName("contactsync")
                    // When Derby came with this web application, stop its engine so no thread outlives an undeploy.
                    .shutdownDerbyEngineOnClose(config.database().isDerby() && ownClassLoader())
                    .load();
            opened.add(database);
            this.configEvents = ConfigEventRecorder.to(database.configEventLog());
            recordConfigurationChanges();
            this.googleAccount = config.source() == ContactSyncConfig.Source.GOOGLE
                    ? new GoogleAccount(config.google(), database.googleTokenStore())
                    : null;
            this.metrics = config.operations().metrics() ? ContactSyncMetrics.prometheus() : null;
            if (metrics != null) {
                opened.add(metrics);
            }
            SyncEngine engine = b.engine != null ? b.engine.apply(config) : engine();
            this.directory = new CiscoDirectory(database.contactStore(), new DirectorySnapshot.Options(
                    config.phone().region(), config.phone().groups()));
            SyncManager.Builder mb = SyncManager.builder()
                    .engine(engine)
                    .stateStore(database.syncStateStore())
                    .contactStore(database.contactStore())
                    .changeLog(database.runChangeLog())
                    .changesPerRun(config.history().changesPerRun())
                    .changeRetention(config.history().retention())
                    .listener(directory)
                    .lease(config.syncLease())
                    .heartbeatInterval(config.syncHeartbeat());
            if (config.nodeId() != null) {
                mb.nodeId(config.nodeId());
            }
            this.manager = mb.build();
            opened.add(manager);
            if (metrics != null) {
                metrics.bind(manager);
            }
            SyncSchedule schedule = config.syncInterval() == null && config.fullSyncInterval() == null
                    ? SyncSchedule.OFF
                    : new SyncSchedule(config.syncInterval(), config.fullSyncInterval(), b.initialDelay);
            this.scheduler = new SyncScheduler(manager, schedule).pauseAfter(config.operations().pauseAfter())
                    .configEvents(configEvents).start();
            opened.add(scheduler);
            Duration staleAfter = config.operations().staleAfter();
            this.freshness = staleAfter == null ? null : new SyncFreshness(database.syncStateStore(), staleAfter);
            URI webhook = config.operations().webhookUrl();
            this.alerts = webhook == null ? null
                    : SyncAlerts.start(manager, new AlertDispatcher(new WebhookAlertSender(webhook)), freshness);
            if (alerts != null) {
                opened.add(alerts);
            }
            this.admin = config.auth() == AuthMode.CONTAINER ? null
                    : config.adminPassword() != null
                    ? new AdminCredentials.Loaded(AdminCredentials.of(config.adminUser(), config.adminPassword()),
                    Optional.empty(), null)
                    : AdminCredentials.loadOrGenerate(config.adminUser(), config.dataDir());
            this.viewer = admin == null || config.viewer() == null ? null
                    : AdminCredentials.of(config.viewer().user(), config.viewer().password());
            // One throttle for the login form and HTTP Basic, so neither is a way around the other.
            this.passwordCheck = admin == null ? null : new PasswordCheck(admin.credentials(), viewer,
                    new LoginThrottle(b.clock), config.clientUrl());
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    /**
     * Whether this application has a class loader of its own (a deployed WAR), as opposed to sharing the JVM's
     * with its host (embedded, tests): only then are Derby's engine and the JDBC drivers its own to stop.
     */
    static boolean ownClassLoader() {
        return ContactSyncApplication.class.getClassLoader() != ClassLoader.getSystemClassLoader();
    }

    /**
     * The timeline records the source and the Google group selection as configured when they differ from the last
     * start's (no secret: a file name, group names).
     */
    private void recordConfigurationChanges() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(ConfigEvent.KIND_SOURCE, "Contact source: " + sourceLabel(config) + ".");
        if (config.source() == ContactSyncConfig.Source.GOOGLE) {
            List<String> groups = config.google().groups();
            settings.put(ConfigEvent.KIND_GROUPS, groups.isEmpty() ? "Google contacts synced: all of them."
                    : "Google contacts synced: the groups " + String.join(", ", groups) + ".");
        }
        try {
            new ConfigAtStart(database.configEventLog()).record(ConfigEvent.DEFAULT_SOURCE, settings)
                    .forEach(e -> log.info("Configuration changed since the last start: {}", e.summary()));
        } catch (RuntimeException e) {
            log.warn("Could not record the configuration in the timeline: {}", e.toString());
        }
    }

    /** The source as people read it (page, start-up banner, timeline). */
    static String sourceLabel(ContactSyncConfig config) {
        return switch (config.source()) {
            case GOOGLE -> "Google Contacts";
            case VCARD -> config.vcardFile() == null ? "bundled sample contacts (vCard)"
                    : "vCard file " + config.vcardFile().getFileName();
        };
    }

    public static Builder builder(ContactSyncConfig config) {
        return new Builder(config);
    }

    private SyncEngine engine() {
        return switch (config.source()) {
            case VCARD -> (config.vcardFile() == null ? VCardSyncEngine.bundledSample()
                    : new VCardSyncEngine(config.vcardFile())).withFallbackCharset(config.vcardCharset());
            case GOOGLE -> new GooglePeopleSyncEngine(googleAccount,
                    metrics != null ? metrics : SourceCallListener.NONE);
        };
    }

    /** The Jersey application: the REST API, the phone directory and the Google connection, all in one feature. */
    public ResourceConfig jerseyApplication() {
        ApiSettings settings = ApiSettings.builder()
                // The admin authenticates in the servlet layer (login page or Basic); Jersey only checks the role.
                .adminRole(AdminAuthFilter.ROLE)
                .authenticatedByHost(true)
                .publicBaseUrl(config.publicBaseUrl())
                .trustProxy(config.trustProxy())
                .metricsToken(config.operations().metricsToken())
                .viewerRole(AdminAuthFilter.VIEWER_ROLE)
                .build();
        ContactSyncFeature.Builder feature = ContactSyncFeature.builder(manager).settings(settings)
                .health(healthChecker()).configEvents(database.configEventLog());
        if (metrics != null) {
            feature.metrics(metrics);
        }
        resources().forEach(feature::component);
        extraComponents.forEach(feature::component);
        ResourceConfig rc = new ResourceConfig();
        rc.setApplicationName("contactsync");
        rc.register(feature.build());
        return rc;
    }

    /** Readiness: the database and its schema, the phone directory, and (with a schedule) sync freshness. */
    private HealthChecker healthChecker() {
        HealthChecker.Builder health = HealthChecker.builder()
                .check("database", HealthChecks.database(database))
                .check("schema", HealthChecks.schema(database))
                .check("directory", HealthChecks.directory(directory::snapshot));
        if (freshness != null) {
            health.check("sync", HealthChecks.syncFreshness(freshness));
        }
        return health.build();
    }

    /** The phone directory, what it merged, and (for a Google source) the Google connection resources. */
    private List<Object> resources() {
        List<Object> list = new ArrayList<>();
        DirectoryResource phones = new DirectoryResource(directory, new DirectorySettings(config.directoryTitle(),
                config.publicBaseUrl(), config.trustProxy(), config.dialPrefix())
                .withDialForm(config.phone().dialForm()).withLegacyCharset(config.phone().legacyCharset())
                .withAccess(config.phone().access()));
        list.add(phones);
        list.add(new DirectoryPhonesResource(phones));
        list.add(new DuplicatesResource(directory));
        list.add(new PhoneClientAddress());
        if (googleAccount != null) {
            list.add(new GoogleAuthResource(googleAccount, configEvents));
        }
        list.add(new ScheduleResource(scheduler));
        return list;
    }

    public ContactSyncConfig config() {
        return config;
    }

    public SyncManager manager() {
        return manager;
    }

    public SyncScheduler scheduler() {
        return scheduler;
    }

    public CiscoDirectory directory() {
        return directory;
    }

    public ContactSyncDatabase database() {
        return database;
    }

    /** The Prometheus metrics, unless turned off. */
    public Optional<ContactSyncMetrics> metrics() {
        return Optional.ofNullable(metrics);
    }

    /** The Google account, when the source is Google. */
    public Optional<GoogleAccount> googleAccount() {
        return Optional.ofNullable(googleAccount);
    }

    /** The app's own admin credentials (absent when the container authenticates). */
    public Optional<AdminCredentials.Loaded> admin() {
        return Optional.ofNullable(admin);
    }

    /** Checks the admin's password for the login form and HTTP Basic (absent when the container authenticates). */
    public Optional<PasswordCheck> passwordCheck() {
        return Optional.ofNullable(passwordCheck);
    }

    /** Stops the scheduler, then the manager (its run is cancelled and recorded), then the pool and Derby. */
    @Override
    public void close() {
        List<AutoCloseable> all = new ArrayList<>();
        if (metrics != null) {
            all.add(metrics);
        }
        all.addAll(List.of(database, manager, scheduler));
        if (alerts != null) {
            all.add(alerts);
        }
        closeAll(all);
        log.info("ContactSync stopped");
    }

    private static void closeAll(List<AutoCloseable> inOpeningOrder) {
        for (int i = inOpeningOrder.size() - 1; i >= 0; i--) {
            try {
                inOpeningOrder.get(i).close();
            } catch (Exception e) {
                log.warn("Could not close {} cleanly: {}", inOpeningOrder.get(i).getClass().getSimpleName(),
                        e.toString());
            }
        }
    }

    public static final class Builder {
        private final ContactSyncConfig config;
        private Function<ContactSyncConfig, SyncEngine> engine;
        private Duration initialDelay;
        private Clock clock = Clock.systemUTC();
        private final List<Object> components = new ArrayList<>();

        private Builder(ContactSyncConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Replaces the engine the configuration names (tests use a scripted one; embedders their own source). */
        public Builder engine(Function<ContactSyncConfig, SyncEngine> engineFactory) {
            this.engine = engineFactory;
            return this;
        }

        /** When the first scheduled sync runs after start (default: the scheduler's own). */
        public Builder initialDelay(Duration delay) {
            this.initialDelay = delay;
            return this;
        }

        /** The clock the login throttle counts failures with (default: the system's). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** A further JAX-RS resource or provider instance to mount with the API. */
        public Builder component(Object component) {
            components.add(Objects.requireNonNull(component, "component"));
            return this;
        }

        public ContactSyncApplication build() {
            return new ContactSyncApplication(this);
        }
    }
}
