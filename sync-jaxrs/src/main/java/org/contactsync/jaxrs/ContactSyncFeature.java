package org.contactsync.jaxrs;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

import org.contactsync.audit.ConfigEventLog;
import org.contactsync.audit.InMemoryConfigEventLog;
import org.contactsync.health.HealthChecker;
import org.contactsync.jaxrs.contact.ContactsResource;
import org.contactsync.jaxrs.health.HealthResource;
import org.contactsync.jaxrs.metrics.ContactSyncMetrics;
import org.contactsync.jaxrs.metrics.DirectoryRequestMetrics;
import org.contactsync.jaxrs.metrics.MetricsResource;
import org.contactsync.jaxrs.metrics.MetricsTokenFilter;
import org.contactsync.jaxrs.openapi.OpenApiResource;
import org.contactsync.jaxrs.support.AdminAuthFilter;
import org.contactsync.jaxrs.support.ApiExceptionMappers;
import org.contactsync.jaxrs.support.ApiJson;
import org.contactsync.jaxrs.support.ApiResponseHeaders;
import org.contactsync.jaxrs.support.CsrfFilter;
import org.contactsync.jaxrs.support.ReadOnlyFilter;
import org.contactsync.jaxrs.sync.SyncEventHub;
import org.contactsync.jaxrs.sync.SyncResource;
import org.contactsync.jaxrs.sync.TimelineResource;
import org.contactsync.sync.SyncManager;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.media.sse.SseFeature;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.spi.Container;
import org.glassfish.jersey.server.spi.ContainerLifecycleListener;

/**
 * Mounts ContactSync's REST API in any Jersey 3.1 application with one {@code register(...)}: {@code /api/sync},
 * {@code /api/contacts}, {@code /api/sync/timeline}, JSON (snake_case, ISO-8601 times), the JSON error mappers, admin
 * and read-only viewer authentication, CSRF
 * protection, live events, and any further resources or providers given as {@link Builder#component components}.
 * Paths are relative to wherever the application is mounted.
 *
 * <pre>{@code
 * resourceConfig.register(ContactSyncFeature.builder(syncManager)
 *         .settings(ApiSettings.builder().adminCredentials("admin", password).build())
 *         .component(directoryResource)
 *         .build());
 * }</pre>
 *
 * <p>Each application that registers the feature gets its own event poller, stopped when the application shuts down.
 */
public final class ContactSyncFeature implements Feature {
    private final SyncManager manager;
    private final ApiSettings settings;
    private final ObjectMapper objectMapper;
    private final List<Object> components;
    private final HealthChecker health;
    private final ContactSyncMetrics metrics;
    private final ConfigEventLog configEvents;

    private ContactSyncFeature(Builder b) {
        this.manager = b.manager;
        this.settings = b.settings;
        this.objectMapper = b.objectMapper != null ? b.objectMapper : ApiJson.newObjectMapper();
        this.components = List.copyOf(b.components);
        this.health = b.health;
        this.metrics = b.metrics;
        this.configEvents = b.configEvents != null ? b.configEvents : new InMemoryConfigEventLog();
    }

    public static Builder builder(SyncManager manager) {
        return new Builder(manager);
    }

    public ApiSettings settings() {
        return settings;
    }

    @Override
    public boolean configure(FeatureContext context) {
        context.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        context.register(JacksonFeature.withoutExceptionMappers());
        context.register(new ApiJson(objectMapper));
        context.register(SseFeature.class);

        SyncEventHub events = new SyncEventHub(manager, objectMapper, settings);
        context.register(new SyncResource(manager, events));
        context.register(new TimelineResource(manager, configEvents));
        context.register(new ContactsResource(manager.contactStore()));
        context.register(new HealthResource(health));
        if (metrics != null) {
            context.register(new MetricsResource(metrics));
            context.register(new DirectoryRequestMetrics(metrics));
            metrics.sseClients(events::clientCount);
            if (settings.hasMetricsToken()) {
                context.register(new MetricsTokenFilter(settings));
            }
        }

        ApiExceptionMappers.all().forEach(context::register);
        context.register(new AdminAuthFilter(settings));
        context.register(new ReadOnlyFilter(settings));
        context.register(new CsrfFilter(settings));
        context.register(new ApiResponseHeaders());
        context.register(new StopEventsOnShutdown(events));

        components.forEach(context::register);
        context.register(new OpenApiResource(new OpenApiResource.Mounted(resourceClasses(), objectMapper)));
        return true;
    }

    /** The classes of every resource this feature mounts, for the OpenAPI description. */
    private java.util.Set<Class<?>> resourceClasses() {
        java.util.Set<Class<?>> classes = new java.util.LinkedHashSet<>(List.of(SyncResource.class,
                TimelineResource.class, ContactsResource.class, HealthResource.class));
        if (metrics != null) {
            classes.add(MetricsResource.class);
        }
        for (Object c : components) {
            Class<?> type = c instanceof Class<?> k ? k : c.getClass();
            if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                classes.add(type);
            }
        }
        return classes;
    }

    /** Stops the application's event poller and closes its streams when Jersey shuts the application down. */
    private record StopEventsOnShutdown(SyncEventHub events) implements ContainerLifecycleListener {
        @Override
        public void onStartup(Container container) {
        }

        @Override
        public void onReload(Container container) {
        }

        @Override
        public void onShutdown(Container container) {
            events.close();
        }
    }

    public static final class Builder {
        private final SyncManager manager;
        private ApiSettings settings = ApiSettings.defaults();
        private ObjectMapper objectMapper;
        private final List<Object> components = new ArrayList<>();
        private HealthChecker health = HealthChecker.builder().build();
        private ContactSyncMetrics metrics;
        private ConfigEventLog configEvents;

        private Builder(SyncManager manager) {
            this.manager = Objects.requireNonNull(manager, "manager");
        }

        public Builder settings(ApiSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * The application's JSON mapper; start from {@link ApiJson#newObjectMapper()} so the API keeps its
         * snake_case names and ISO-8601 times.
         */
        public Builder objectMapper(ObjectMapper mapper) {
            this.objectMapper = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        /**
         * The readiness checks behind {@code GET /health/ready} (default: none, so it answers up whenever the
         * process does). See {@code org.contactsync.health.HealthChecks}.
         */
        public Builder health(HealthChecker checker) {
            this.health = Objects.requireNonNull(checker, "checker");
            return this;
        }

        /**
         * Serves these metrics at {@code /metrics} (admin only, or the settings' metrics token) and counts phone
         * directory requests and event-stream clients into them. Off unless called; bind the metrics to the
         * manager ({@link ContactSyncMetrics#bind}) and hand them to the engine for source-call counts.
         */
        public Builder metrics(ContactSyncMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /**
         * Where the configuration changes shown in {@code GET /api/sync/timeline} are kept (default: in memory).
         * Record into the same log from the scheduler and the Google resource, through
         * {@link org.contactsync.audit.ConfigEventRecorder}.
         */
        public Builder configEvents(ConfigEventLog log) {
            this.configEvents = Objects.requireNonNull(log, "log");
            return this;
        }

        /** A further resource or provider instance (e.g. the directory or Google resources) to mount with the API. */
        public Builder component(Object component) {
            components.add(Objects.requireNonNull(component, "component"));
            return this;
        }

        public ContactSyncFeature build() {
            return new ContactSyncFeature(this);
        }
    }
}
