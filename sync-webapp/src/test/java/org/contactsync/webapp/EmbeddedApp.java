package org.contactsync.webapp;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The web application's real wiring ({@link ContactSyncListener}) in an embedded Jetty on 127.0.0.1 and a free
 * port, with its own data directory; tests may swap the engine. Closing it stops Jetty, which undeploys the app.
 */
public final class EmbeddedApp implements AutoCloseable {
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "test-admin-pw";
    public static final String VIEWER_USER = "viewer";
    public static final String VIEWER_PASSWORD = "test-viewer-pw";
    /** The settings of a read-only viewer with {@link #VIEWER_USER} and {@link #VIEWER_PASSWORD}. */
    public static final Map<String, String> WITH_VIEWER = Map.of("contactsync.viewer.user", VIEWER_USER,
            "contactsync.viewer.password", VIEWER_PASSWORD);

    private final Server server;
    private final ContactSyncListener listener;
    private final URI baseUri;

    private EmbeddedApp(Server server, ContactSyncListener listener, URI baseUri) {
        this.server = server;
        this.listener = listener;
        this.baseUri = baseUri;
    }

    /**
     * @param dataDir   the instance's data directory (embedded Derby lives there)
     * @param settings  configuration keys for this instance (they win over the JVM's system properties)
     * @param customize e.g. {@code b -> b.engine(c -> scriptedEngine)}
     */
    public static EmbeddedApp start(Path dataDir, Map<String, String> settings,
                                    UnaryOperator<ContactSyncApplication.Builder> customize) throws Exception {
        return start(dataDir, settings, customize, context -> { });
    }

    /** As {@link #start(Path, Map, UnaryOperator)}, with the servlet context set up further (e.g. a login). */
    public static EmbeddedApp start(Path dataDir, Map<String, String> settings,
                                    UnaryOperator<ContactSyncApplication.Builder> customize,
                                    java.util.function.Consumer<ServletContextHandler> contextSetup) throws Exception {
        Map<String, String> all = new HashMap<>();
        all.put("contactsync.data-dir", dataDir.toString());
        all.put("contactsync.admin.password", ADMIN_PASSWORD);
        all.put("contactsync.sync.interval", "off");
        all.put("contactsync.sync.full-interval", "off");
        all.putAll(settings);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        contextSetup.accept(context);
        ContactSyncListener listener = new ContactSyncListener(customize, all);
        context.addEventListener(listener);
        server.setHandler(context);
        // No graceful wait: open event streams would hold the stop; the app itself closes them on undeploy.
        server.setStopTimeout(0);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        if (!context.isAvailable()) {
            server.stop();
            throw new IllegalStateException("The web application did not start; see the log above");
        }
        return new EmbeddedApp(server, listener, URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"));
    }

    public URI baseUri() {
        return baseUri;
    }

    public URI uri(String path) {
        return baseUri.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public ContactSyncApplication application() {
        return listener.application();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
