package org.contactsync.jaxrs.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.contactsync.jaxrs.ApiSettings;
import org.contactsync.jaxrs.ContactSyncFeature;
import org.contactsync.sync.SyncManager;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.contactsync.testkit.SyncFixture;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * The REST API over a real {@link SyncManager} (in-memory stores, a {@link ScriptedSyncEngine}), mounted with
 * {@link ContactSyncFeature} in an in-memory or Jetty server, with request helpers. Closes everything on
 * {@link #close()}.
 *
 * <pre>{@code
 * try (ApiHarness api = ApiHarness.builder().build()) {
 *     Response r = api.admin("api/sync/status").get();
 * }
 * }</pre>
 */
public final class ApiHarness implements AutoCloseable {
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "correct horse battery staple";
    public static final String VIEWER_USER = "viewer";
    public static final String VIEWER_PASSWORD = "look but do not touch";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScriptedSyncEngine engine;
    private final SyncFixture sync;
    private final SyncManager manager;
    private final ApiServer server;

    private ApiHarness(Builder b) {
        this.engine = b.engine;
        this.sync = b.sync != null ? b.sync : new SyncFixture(engine);
        this.manager = b.manager != null ? b.manager : sync.manager();
        ApiSettings settings = b.settings.apply(ApiSettings.builder().adminCredentials(ADMIN_USER, ADMIN_PASSWORD)
                .viewerCredentials(VIEWER_USER, VIEWER_PASSWORD).eventPollInterval(java.time.Duration.ofMillis(50))).build();
        ContactSyncFeature.Builder feature = ContactSyncFeature.builder(manager).settings(settings);
        b.components.forEach(feature::component);
        feature = b.feature.apply(feature);
        ResourceConfig app = new ResourceConfig().register(feature.build());
        for (Object c : b.hostComponents) {
            if (c instanceof Class<?> type) {
                app.register(type);
            } else {
                app.register(c);
            }
        }
        this.server = b.jetty ? ApiServer.jetty(app) : ApiServer.inMemory(app, b.basePath);
    }

    public static Builder builder() {
        return new Builder();
    }

    public ScriptedSyncEngine engine() {
        return engine;
    }

    public SyncFixture sync() {
        return sync;
    }

    public SyncManager manager() {
        return manager;
    }

    public ApiServer server() {
        return server;
    }

    public URI baseUri() {
        return server.baseUri();
    }

    /** A target relative to the application's base, without credentials. */
    public WebTarget target(String path) {
        return server.target(path);
    }

    /** A JSON request with the admin's Basic credentials. */
    public Invocation.Builder admin(String path) {
        return admin(server.target(path));
    }

    public Invocation.Builder admin(WebTarget target) {
        return target.request("application/json").header(HttpHeaders.AUTHORIZATION,
                BasicAuth.header(ADMIN_USER, ADMIN_PASSWORD));
    }

    /** A JSON request with the read-only viewer's Basic credentials. */
    public Invocation.Builder viewer(String path) {
        return server.target(path).request("application/json").header(HttpHeaders.AUTHORIZATION,
                BasicAuth.header(VIEWER_USER, VIEWER_PASSWORD));
    }

    /** The body of a response as a JSON tree (closes the response). */
    public static JsonNode json(Response response) {
        try (response) {
            return JSON.readTree(response.readEntity(String.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The field names of a JSON object, in order. */
    public static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            sync.close();
        }
    }

    public static final class Builder {
        private ScriptedSyncEngine engine = new ScriptedSyncEngine().pageSize(1);
        private SyncFixture sync;
        private SyncManager manager;
        private UnaryOperator<ApiSettings.Builder> settings = UnaryOperator.identity();
        private UnaryOperator<ContactSyncFeature.Builder> feature = UnaryOperator.identity();
        private final List<Object> components = new ArrayList<>();
        private final List<Object> hostComponents = new ArrayList<>();
        private boolean jetty;
        private String basePath = "";

        private Builder() {
        }

        /** The engine (default: a {@link ScriptedSyncEngine} with one contact per page and nothing at the source). */
        public Builder engine(ScriptedSyncEngine e) {
            this.engine = e;
            return this;
        }

        /** Existing stores and nodes, e.g. to restart the API over the same state. */
        public Builder sync(SyncFixture fixture, SyncManager node) {
            this.sync = fixture;
            this.manager = node;
            return this;
        }

        /** Changes to the settings (which start with the admin and viewer credentials and a fast event poll). */
        public Builder settings(UnaryOperator<ApiSettings.Builder> change) {
            this.settings = change;
            return this;
        }

        /** Further settings of the feature (health checks, metrics...). */
        public Builder feature(UnaryOperator<ContactSyncFeature.Builder> change) {
            this.feature = change;
            return this;
        }

        /** Passed to the feature's {@code component(...)}. */
        public Builder component(Object c) {
            components.add(c);
            return this;
        }

        /** Registered on the host application next to the feature (e.g. {@link TestLoginFilter}). */
        public Builder hostComponent(Object c) {
            hostComponents.add(c);
            return this;
        }

        /** A real Jetty on 127.0.0.1 (application at the root) instead of the in-memory container. */
        public Builder jetty() {
            this.jetty = true;
            return this;
        }

        /** In memory, the application's base path (e.g. "host" serves the API at /host/api/...). */
        public Builder basePath(String path) {
            this.basePath = path;
            return this;
        }

        public ApiHarness build() {
            return new ApiHarness(this);
        }
    }
}
