package org.contactsync.webapp;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.SessionTrackingMode;

import org.contactsync.sync.Intervals;
import org.contactsync.webapp.config.ConfigException;
import org.contactsync.webapp.config.ConfigSources;
import org.contactsync.webapp.config.ContactSyncConfig;
import org.contactsync.webapp.config.ContactSyncConfig.AuthMode;
import org.contactsync.webapp.page.PageRenderer;
import org.contactsync.webapp.page.PageServlet;
import org.contactsync.webapp.page.StaticServlet;
import org.contactsync.webapp.security.AdminAuthFilter;
import org.contactsync.webapp.security.AdminCredentials;
import org.contactsync.webapp.security.LoginServlet;
import org.contactsync.webapp.security.OriginCheck;
import org.contactsync.webapp.security.PasswordCheck;
import org.glassfish.jersey.servlet.ServletContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops the web application: reads the configuration, builds {@link ContactSyncApplication}, and
 * registers the login filter, the pages, the static assets and Jersey. Declared in {@code WEB-INF/web.xml} so
 * that every container runs it without annotation scanning.
 */
public final class ContactSyncListener implements ServletContextListener {
    private static final Logger log = LoggerFactory.getLogger(ContactSyncListener.class);

    private final UnaryOperator<ContactSyncApplication.Builder> customizer;
    private final Map<String, String> overrides;
    private ContactSyncApplication app;

    /** For the container (web.xml). */
    public ContactSyncListener() {
        this(UnaryOperator.identity(), Map.of());
    }

    /**
     * For embedding and tests: {@code overrides} take the place of system properties (so one JVM can run several
     * differently configured instances), and {@code customizer} may replace parts such as the engine.
     */
    public ContactSyncListener(UnaryOperator<ContactSyncApplication.Builder> customizer, Map<String, String> overrides) {
        this.customizer = customizer;
        this.overrides = Map.copyOf(overrides);
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext ctx = event.getServletContext();
        ContactSyncConfig config;
        try {
            ConfigSources sources = overrides.isEmpty()
                    ? ConfigSources.system(ctx::getInitParameter)
                    : new ConfigSources(key -> overrides.getOrDefault(key, System.getProperty(key)), System.getenv(),
                    ctx::getInitParameter);
            config = ContactSyncConfig.load(sources);
        } catch (ConfigException e) {
            log.error("ContactSync cannot start. {}", e.getMessage());
            throw e;
        }
        redirectDerbyLog(config);
        ContactSyncConfig cfg = config;
        app = onOwnThread("contactsync-start", () -> customizer.apply(ContactSyncApplication.builder(cfg)).build());
        try {
            register(ctx, config);
        } catch (RuntimeException e) {
            app.close();
            app = null;
            throw e;
        }
        banner(ctx, config);
    }

    private void register(ServletContext ctx, ContactSyncConfig config) {
        SessionCookieConfig cookie = ctx.getSessionCookieConfig();
        cookie.setName("CONTACTSYNC_SESSION");
        cookie.setHttpOnly(true);
        cookie.setAttribute("SameSite", "Lax");
        if (config.publicBaseUrl() != null && "https".equalsIgnoreCase(config.publicBaseUrl().getScheme())) {
            cookie.setSecure(true);
        }
        ctx.setSessionTrackingModes(EnumSet.of(SessionTrackingMode.COOKIE));
        ctx.setSessionTimeout(8 * 60);

        if (config.database().isDerby() && ContactSyncApplication.ownClassLoader()) {
            DerbyThreadCleanupFilter cleanup = DerbyThreadCleanupFilter.create();
            if (cleanup != null) {
                FilterRegistration.Dynamic reg = ctx.addFilter("contactsync-derby-cleanup", cleanup);
                reg.setAsyncSupported(true);
                reg.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC), false, "/*");
            }
        }

        PasswordCheck passwords = app.passwordCheck().orElse(null);
        FilterRegistration.Dynamic auth = ctx.addFilter("contactsync-auth",
                new AdminAuthFilter(config.auth(), passwords));
        auth.setAsyncSupported(true);
        auth.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");

        PageRenderer renderer = new PageRenderer(Map.of(
                "appLogin", config.auth() == AuthMode.APP,
                "source", config.source().name().toLowerCase(Locale.ROOT),
                "sourceLabel", ContactSyncApplication.sourceLabel(config)));
        OriginCheck originCheck = new OriginCheck(config.clientUrl());
        if (passwords != null) {
            ServletRegistration.Dynamic login = ctx.addServlet("contactsync-login",
                    new LoginServlet(passwords, originCheck, renderer));
            login.addMapping("/login", "/logout");
        }
        ServletRegistration.Dynamic pages = ctx.addServlet("contactsync-pages", new PageServlet(renderer));
        pages.addMapping("", "/contacts", "/runs/*");
        ServletRegistration.Dynamic assets = ctx.addServlet("contactsync-static", new StaticServlet());
        assets.addMapping("/static/*");

        // Jersey at the root: the API's resources carry their full paths (api/sync, directory...).
        ServletRegistration.Dynamic jersey = ctx.addServlet("contactsync-jersey",
                new ServletContainer(app.jerseyApplication()));
        jersey.setAsyncSupported(true);
        jersey.setLoadOnStartup(1);
        jersey.addMapping("/*");
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (app != null) {
            ContactSyncApplication closing = app;
            app = null;
            onOwnThread("contactsync-stop", () -> {
                closing.close();
                return null;
            });
        }
        if (ContactSyncApplication.ownClassLoader()) {
            deregisterOwnDrivers();
            stopLogging();
        }
    }

    /** Logback came with this web application: stop it last, so that everything above could still log. */
    private static void stopLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
            logback.stop();
        }
    }

    /**
     * Runs start-up or shut-down on a thread of its own that ends right after. Embedded Derby leaves a ThreadLocal
     * on the threads that boot or shut it down; on a container's thread that would pin this web application's class
     * loader after an undeploy (Tomcat reports it as a leak).
     */
    private static <T> T onOwnThread(String name, java.util.concurrent.Callable<T> work) {
        java.util.concurrent.atomic.AtomicReference<T> result = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                result.set(work.call());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, name);
        t.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + " was interrupted", e);
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw new IllegalStateException(name + " failed: " + e.getMessage(), e);
        }
        return result.get();
    }

    /** The running application, for tests that embed the listener. */
    public ContactSyncApplication application() {
        return app;
    }

    private void banner(ServletContext ctx, ContactSyncConfig config) {
        String base = config.publicBaseUrl() != null ? config.publicBaseUrl().toString()
                : "http://localhost:" + System.getProperty("jetty.http.port", "8080") + ctx.getContextPath();
        String page = base + "/";
        String where = config.publicBaseUrl() != null ? "" : " (or this server's own address)";
        StringBuilder sb = new StringBuilder("ContactSync is running: source ")
                .append(ContactSyncApplication.sourceLabel(config))
                .append(", ").append(scheduleText(config))
                .append(", database ").append(config.database().embedded() ? "embedded under " + config.dataDir()
                        : redact(config.database().url()))
                .append(".\n  Sync page: ").append(page).append(where)
                .append("\n  Phone directory: ").append(base).append("/directory");
        if (config.auth() == AuthMode.CONTAINER) {
            sb.append("\n  Login: by the server's own security; administrators need the role ")
                    .append(AdminAuthFilter.ROLE).append(", read-only viewers ").append(AdminAuthFilter.VIEWER_ROLE)
                    .append(", for the page and the REST API (/api/...) alike.");
        } else {
            AdminCredentials.Loaded admin = app.admin().orElseThrow();
            sb.append("\n  Login: user '").append(config.adminUser()).append("'");
            if (admin.generatedPassword().isPresent()) {
                sb.append(", password '").append(admin.generatedPassword().get()).append("' (generated now and "
                        + "shown only this once; stored hashed in ").append(admin.file())
                        .append(". Set contactsync.admin.password to choose your own.)");
            } else if (admin.file() != null) {
                sb.append(" with the password generated at first start (stored hashed in ").append(admin.file())
                        .append("; delete that file and restart to get a new one).");
            } else {
                sb.append(" with the password set in contactsync.admin.password.");
            }
            sb.append("\n  REST API (/api/...): the same user name and password by HTTP Basic, or the page's login.");
            if (config.viewer() != null) {
                sb.append("\n  Read-only viewer: user '").append(config.viewer().user())
                        .append("' with the password set in contactsync.viewer.password.");
            }
        }
        log.info(sb.toString());
    }

    /** The schedule as the page and /api/sync/info show it too. */
    static String scheduleText(ContactSyncConfig config) {
        Duration interval = config.syncInterval();
        Duration full = config.fullSyncInterval();
        if (interval == null && full == null) {
            return "manual sync only";
        }
        if (interval == null) {
            return "automatic full sync every " + Intervals.format(full);
        }
        return "automatic sync every " + Intervals.format(interval)
                + (full == null ? "" : " (a full one every " + Intervals.format(full) + ")");
    }


    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1****");
    }

    /** Derby writes derby.log into the working directory unless told otherwise; keep it in the data directory. */
    private static void redirectDerbyLog(ContactSyncConfig config) {
        if (config.database().isDerby() && System.getProperty("derby.stream.error.file") == null) {
            System.setProperty("derby.stream.error.file", config.dataDir().resolve("derby.log").toString());
        }
    }

    /** JDBC drivers this web application's class loader registered would pin it in memory after an undeploy. */
    private static void deregisterOwnDrivers() {
        ClassLoader mine = ContactSyncListener.class.getClassLoader();
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass().getClassLoader() == mine) {
                try {
                    DriverManager.deregisterDriver(driver);
                } catch (SQLException e) {
                    log.warn("Could not deregister the JDBC driver {}: {}", driver.getClass().getName(), e.toString());
                }
            }
        }
    }
}
