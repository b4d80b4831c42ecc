package org.contactsync.jaxrs.testkit;

import java.net.URI;

import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.UriBuilder;

import org.glassfish.jersey.test.JerseyTest;
import org.glassfish.jersey.test.TestProperties;
import org.glassfish.jersey.test.inmemory.InMemoryTestContainerFactory;
import org.glassfish.jersey.test.jetty.JettyTestContainerFactory;
import org.glassfish.jersey.test.spi.TestContainerFactory;

/**
 * A Jersey application under test, either in memory (fast, no sockets) or in a real Jetty on a free port of
 * 127.0.0.1, started on construction and stopped by {@link #close()}. Wraps {@link JerseyTest} so tests need not
 * extend it.
 */
public final class ApiServer implements AutoCloseable {
    private final JerseyTest jersey;

    private ApiServer(JerseyTest jersey) {
        this.jersey = jersey;
        try {
            jersey.setUp();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the test server", e);
        }
    }

    public static ApiServer inMemory(Application app) {
        return inMemory(app, "");
    }

    /** In Jetty; {@code contextPath} must be "" (root), kept for callers of the first version of this kit. */
    public static ApiServer jetty(Application app, String contextPath) {
        if (contextPath != null && !contextPath.isEmpty() && !contextPath.equals("/")) {
            throw new IllegalArgumentException("Jersey's Jetty test container deploys on the root path only; "
                    + "use inMemory(app, basePath) to test a base path");
        }
        return jetty(app);
    }

    /** In memory, with the application's base at {@code basePath} ("" for the root). */
    public static ApiServer inMemory(Application app, String basePath) {
        return new ApiServer(new InMemory(app, basePath));
    }

    /** In Jetty at the root path (Jersey's Jetty test container deploys on the root only). */
    public static ApiServer jetty(Application app) {
        return new ApiServer(new Jetty(app));
    }

    /**
     * A target relative to the application's base, e.g. {@code target("api/sync/history?limit=5")}; a query in the
     * path is passed on as query parameters (values as written, not decoded).
     */
    public WebTarget target(String path) {
        int q = path.indexOf('?');
        if (q < 0) {
            return jersey.target(path);
        }
        WebTarget t = jersey.target(path.substring(0, q));
        for (String pair : path.substring(q + 1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            t = eq < 0 ? t.queryParam(pair, "") : t.queryParam(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return t;
    }

    /** The application's base URI, ending in "/". */
    public URI baseUri() {
        URI u = jersey.target().getUri();
        return u.toString().endsWith("/") ? u : URI.create(u + "/");
    }

    @Override
    public void close() {
        try {
            jersey.tearDown();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the test server", e);
        }
    }

    private static final class InMemory extends JerseyTest {
        private final String basePath;

        InMemory(Application app, String basePath) {
            super(app);
            this.basePath = basePath;
        }

        @Override
        protected TestContainerFactory getTestContainerFactory() {
            return new InMemoryTestContainerFactory();
        }

        @Override
        protected URI getBaseUri() {
            return UriBuilder.fromUri(super.getBaseUri()).path(basePath == null ? "" : basePath).path("/").build();
        }
    }

    private static final class Jetty extends JerseyTest {
        Jetty(Application app) {
            super(app);
            set(TestProperties.CONTAINER_PORT, "0");
        }

        @Override
        protected TestContainerFactory getTestContainerFactory() {
            return new JettyTestContainerFactory();
        }

        @Override
        protected URI getBaseUri() {
            return UriBuilder.fromUri("http://127.0.0.1/").port(getPort()).build();
        }
    }
}
