package org.contactsync.examples.host;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.contactsync.directory.CiscoDirectory;
import org.contactsync.jaxrs.ApiSettings;
import org.contactsync.jaxrs.ContactSyncFeature;
import org.contactsync.jaxrs.directory.DirectoryResource;
import org.contactsync.jaxrs.directory.DirectorySettings;
import org.contactsync.jdbc.ContactSyncDatabase;
import org.contactsync.jdbc.JdbcSettings;
import org.contactsync.sync.SyncManager;
import org.contactsync.vcard.VCardSyncEngine;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * An existing Jersey application on embedded Jetty that adds ContactSync under a path of its own:
 *
 * <ul>
 *   <li>{@code /orders} — the host's own resource, for its staff;</li>
 *   <li>{@code /contacts-admin/api/sync/...}, {@code /contacts-admin/api/contacts} — ContactSync's REST API, for
 *       the host's IT administrators ({@link HostUser#IT_ADMIN});</li>
 *   <li>{@code /contacts-admin/directory} — the Cisco phone directory, open to the phones.</li>
 * </ul>
 *
 * Both are signed in by the host's own {@link HostAuthFilter}; ContactSync is told which of the host's roles is its
 * administrator and needs no login of its own.
 *
 * <pre>
 * HOST_ADMIN_TOKEN=... HOST_STAFF_TOKEN=... java org.contactsync.examples.host.HostServer [data-dir] [port]
 * </pre>
 */
public final class HostServer implements AutoCloseable {
    /** Where the host mounts ContactSync. */
    public static final String CONTACTS_PATH = "/contacts-admin";

    private final Server jetty;
    private final SyncManager sync;
    private final ContactSyncDatabase database;
    private final URI baseUri;

    private HostServer(Server jetty, SyncManager sync, ContactSyncDatabase database, URI baseUri) {
        this.jetty = jetty;
        this.sync = sync;
        this.database = database;
        this.baseUri = baseUri;
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args.length > 0 ? args[0] : "host-data");
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 8080;
        Map<String, HostUser> users = new HashMap<>();
        users.put(requireEnv("HOST_ADMIN_TOKEN"), new HostUser("it-admin", Set.of(HostUser.IT_ADMIN, HostUser.STAFF)));
        users.put(requireEnv("HOST_STAFF_TOKEN"), new HostUser("staff", Set.of(HostUser.STAFF)));
        Files.createDirectories(dataDir);
        if (System.getProperty("derby.stream.error.file") == null) {
            System.setProperty("derby.stream.error.file", dataDir.resolve("derby.log").toString());
        }
        HostServer server = start(dataDir, "127.0.0.1", port, users);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "host-shutdown"));
        System.out.println("Host application at " + server.baseUri() + "orders, ContactSync at "
                + server.contactSyncUri() + "api/sync/status and " + server.contactSyncUri() + "directory");
        server.jetty.join();
    }

    /**
     * Starts the host on {@code host}:{@code port} (0: a free port) with ContactSync's data in {@code dataDir}.
     *
     * @param usersByToken the host's API tokens and whom they sign in
     */
    public static HostServer start(Path dataDir, String host, int port, Map<String, HostUser> usersByToken)
            throws Exception {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            // ContactSync's part: a database, a sync manager and the phone directory fed by it.
            ContactSyncDatabase database = ContactSyncDatabase.open(JdbcSettings.derbyFile(dataDir));
            opened.add(0, database);
            CiscoDirectory directory = new CiscoDirectory(database.contactStore());
            SyncManager sync = SyncManager.builder()
                    .engine(VCardSyncEngine.bundledSample())
                    .contactStore(database.contactStore())
                    .stateStore(database.syncStateStore())
                    .changeLog(database.runChangeLog())
                    .listener(directory)
                    .build();
            opened.add(0, sync);

            HostAuthFilter login = new HostAuthFilter(usersByToken);
            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            context.addServlet(new ServletHolder("host", new ServletContainer(hostApplication(login))), "/*");
            context.addServlet(new ServletHolder("contactsync",
                    new ServletContainer(contactSyncApplication(login, sync, directory))), CONTACTS_PATH + "/*");

            Server jetty = new Server();
            ServerConnector connector = new ServerConnector(jetty);
            connector.setHost(host);
            connector.setPort(port);
            jetty.addConnector(connector);
            jetty.setHandler(context);
            jetty.setStopTimeout(5_000);
            jetty.start();
            opened.add(0, jetty::stop);
            URI base = URI.create("http://" + host + ":" + connector.getLocalPort() + "/");
            return new HostServer(jetty, sync, database, base);
        } catch (Exception e) {
            for (AutoCloseable c : opened) {
                try {
                    c.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** The host's own Jersey application, as it was before ContactSync came along. */
    static ResourceConfig hostApplication(HostAuthFilter login) {
        return new ResourceConfig()
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .register(login)
                .register(RolesAllowedDynamicFeature.class)
                .register(JacksonFeature.class)
                .register(OrdersResource.class);
    }

    /** ContactSync in a second Jersey application, behind the same login: these few lines are all it takes. */
    static ResourceConfig contactSyncApplication(HostAuthFilter login, SyncManager sync, CiscoDirectory directory) {
        return new ResourceConfig()
                .register(login)
                .register(ContactSyncFeature.builder(sync)
                        // No ContactSync password: whoever the host signs in with this role is the administrator.
                        .settings(ApiSettings.builder().adminRole(HostUser.IT_ADMIN).build())
                        .component(new DirectoryResource(directory, DirectorySettings.defaults()))
                        .build());
    }

    public URI baseUri() {
        return baseUri;
    }

    /** Where ContactSync is mounted, ending in "/". */
    public URI contactSyncUri() {
        return baseUri.resolve(CONTACTS_PATH.substring(1) + "/");
    }

    public SyncManager sync() {
        return sync;
    }

    /** Stops Jetty, then ContactSync's manager (cancelling a running sync) and its database. */
    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop Jetty", e);
        } finally {
            sync.close();
            database.close();
        }
    }

    private static String requireEnv(String name) {
        String v = System.getenv(name);
        if (v == null || v.length() < 16) {
            System.err.println(name + " is not set or shorter than 16 characters. Set it to the API token the host "
                    + "should accept, e.g. " + name + "=$(openssl rand -hex 16).");
            System.exit(2);
        }
        return v;
    }
}
