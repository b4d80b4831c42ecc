package org.contactsync.jaxrs.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.contactsync.metrics.SourceCallListener;
import org.contactsync.sync.ProgressListener;
import org.contactsync.sync.SyncManager;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ContactSync's Prometheus metrics. Listens to the {@link SyncManager}'s runs ({@link ProgressListener}), to the
 * source engine's calls ({@link SourceCallListener}, handed to the engine at wiring), and to phone directory
 * requests and event-stream clients (from the JAX-RS layer). Sync-core stays free of Micrometer: this binder is the
 * only class that knows both.
 *
 * <p>Names follow Prometheus conventions (base units, {@code _total} for counters, {@code contactsync_} prefix);
 * docs/operations.md lists them. Metrics read from the store (contacts stored, age of the last successful sync)
 * are read when scraped, so every node reports the shared truth; they are NaN while the store cannot be read.
 */
public final class ContactSyncMetrics implements ProgressListener, SourceCallListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ContactSyncMetrics.class);
    /** Run durations span a 10-contact incremental (≈0.1 s) to a 100k full sync on a slow database (minutes). */
    private static final Duration[] RUN_DURATION_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
            Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30)};

    private final PrometheusMeterRegistry registry;
    private SyncManager manager;

    private ContactSyncMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** A new Prometheus registry with the JVM's memory, thread, CPU and uptime metrics. */
    public static ContactSyncMetrics prometheus() {
        return new ContactSyncMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /** Counts the manager's runs (on this node) and reports its stores' contacts and last success. Once only. */
    public synchronized ContactSyncMetrics bind(SyncManager syncManager) {
        if (manager != null) {
            throw new IllegalStateException("these metrics are already bound to a sync manager");
        }
        this.manager = Objects.requireNonNull(syncManager, "syncManager");
        syncManager.addListener(this);
        Gauge.builder("contactsync.contacts.stored", syncManager, safely(m -> m.contactStore().count()))
                .strongReference(true).description("Contacts in the local copy").register(registry);
        TimeGauge.builder("contactsync.sync.last.success.age", syncManager, TimeUnit.SECONDS,
                        safely(ContactSyncMetrics::secondsSinceLastSuccess))
                .strongReference(true).description("Seconds since the last completed sync ended (NaN when none ever did)")
                .register(registry);
        return this;
    }

    /** Reports how many clients follow {@code /api/sync/events}. */
    public void sseClients(IntSupplier clients) {
        // A strong reference: Micrometer holds gauge state weakly, and the lambda has no other owner.
        Gauge.builder("contactsync.sse.clients", clients, c -> c.getAsInt()).strongReference(true)
                .description("Clients connected to the live sync events stream").register(registry);
    }

    /** The registry, for further meters of the host's own. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** Prometheus' content type for {@link #scrape()}. */
    public static String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }

    @Override
    public void runFinished(SyncRun run) {
        String type = name(run.type());
        String trigger = name(run.trigger());
        String outcome = name(run.status());
        Counter.builder("contactsync.sync.runs").description("Sync runs that ended on this node")
                .tag("type", type).tag("trigger", trigger).tag("outcome", outcome)
                .register(registry).increment();
        Timer.builder("contactsync.sync.run.duration").description("How long sync runs took")
                .tag("type", type).tag("outcome", outcome)
                .serviceLevelObjectives(RUN_DURATION_BUCKETS)
                .register(registry).record(run.duration(Instant.now()));
        SyncStats s = run.stats();
        contacts("added", s.added());
        contacts("updated", s.updated());
        contacts("deleted", s.deleted());
        Counter.builder("contactsync.sync.contact.errors").description("Contacts a run skipped as unreadable")
                .register(registry).increment(s.errors());
    }

    @Override
    public void called(String source, String outcome) {
        Counter.builder("contactsync.source.calls").description("Calls to the contact source's API, by answer")
                .tag("source", source).tag("status", outcome).register(registry).increment();
    }

    @Override
    public void retried(String source, String outcome) {
        Counter.builder("contactsync.source.retries").description("Calls to the contact source's API repeated "
                + "after a failure").tag("source", source).tag("status", outcome).register(registry).increment();
    }

    /** One answered phone directory request ({@code status} is the HTTP status, 304 for a cache hit). */
    public void directoryRequest(String vendor, String page, int status) {
        Counter.builder("contactsync.directory.requests").description("Phone directory requests by vendor, page "
                        + "and status (304: the phone's cached copy was still valid)")
                .tag("vendor", vendor).tag("page", page).tag("status", Integer.toString(status))
                .register(registry).increment();
    }

    /** Stops listening to the manager and closes the registry. */
    @Override
    public synchronized void close() {
        if (manager != null) {
            manager.removeListener(this);
        }
        registry.close();
    }

    private void contacts(String change, int count) {
        Counter.builder("contactsync.sync.contacts").description("Contacts changed by sync runs")
                .tag("change", change).register(registry).increment(count);
    }

    private static double secondsSinceLastSuccess(SyncManager m) {
        return m.stateStore().lastCompletedRun()
                .map(r -> Duration.between(r.completedAt(), m.stateStore().now()).toMillis() / 1000.0)
                .orElse(Double.NaN);
    }

    /** A scrape must not fail because the database is down: that meter shows NaN, the reason goes to the log. */
    private static <T> ToDoubleFunction<T> safely(ToDoubleFunction<T> read) {
        return t -> {
            try {
                return read.applyAsDouble(t);
            } catch (RuntimeException e) {
                log.warn("A metric could not be read from the store: {}", e.toString());
                return Double.NaN;
            }
        };
    }

    private static String name(Enum<?> e) {
        return e == null ? "unknown" : e.name().toLowerCase(Locale.ROOT);
    }
}
