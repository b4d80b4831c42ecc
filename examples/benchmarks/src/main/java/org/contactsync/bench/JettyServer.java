package org.contactsync.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ResourceServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * Embedded Jetty 12 (ee10) on 127.0.0.1 with a Jersey application at {@code /*}, optionally a servlet filter in front
 * of it on {@code /directory/*} (as the WAR mounts its phone directory filter) and static files from a directory at
 * {@code /static/*} served by Jetty's own ResourceServlet: the same container, the same connector.
 */
final class JettyServer implements AutoCloseable {
    private final Server server;
    private final URI baseUri;

    private JettyServer(Server server, URI baseUri) {
        this.server = server;
        this.baseUri = baseUri;
    }

    static JettyServer start(int port, ResourceConfig app, Path staticDir) throws Exception {
        return start(port, app, null, staticDir);
    }

    /** @param directoryFilter mounted on /directory and /directory/* before Jersey, or null for none */
    static JettyServer start(int port, ResourceConfig app, Filter directoryFilter, Path staticDir) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        // wrk opens 100 connections at once; the default backlog keeps up, but say it explicitly.
        connector.setAcceptQueueSize(256);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder("jersey", new ServletContainer(app)), "/*");
        if (directoryFilter != null) {
            FilterHolder filter = new FilterHolder(directoryFilter);
            context.addFilter(filter, "/directory", EnumSet.of(DispatcherType.REQUEST));
            context.addFilter(filter, "/directory/*", EnumSet.of(DispatcherType.REQUEST));
        }
        if (staticDir != null) {
            ServletHolder files = new ServletHolder("static", ResourceServlet.class);
            files.setInitParameter("baseResource", staticDir.toUri().toString());
            files.setInitParameter("pathInfoOnly", "true");
            files.setInitParameter("dirAllowed", "false");
            files.setInitParameter("etags", "true");
            context.addServlet(files, "/static/*");
        }
        server.setHandler(context);
        // No graceful stop: open event streams would hold it up, and a benchmark server has nothing to finish.
        server.setStopTimeout(0);
        server.start();
        return new JettyServer(server, URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"));
    }

    URI baseUri() {
        return baseUri;
    }

    void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
