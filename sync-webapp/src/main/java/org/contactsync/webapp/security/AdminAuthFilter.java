package org.contactsync.webapp.security;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.contactsync.jaxrs.ApiSettings;
import org.contactsync.jaxrs.support.BasicCredentials;
import org.contactsync.jaxrs.support.LoginThrottle;
import org.contactsync.webapp.config.ContactSyncConfig.AuthMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets only the administrator and viewers reach the page and {@code /api}; {@code /directory} (the phones), the login
 * page, static assets and the health probes stay public. What a viewer may not do through the API is refused by the
 * API itself (sync-jaxrs's ReadOnlyFilter), one rule for every endpoint.
 *
 * <p>A request the container already authenticated passes when it has the admin or the viewer role. Otherwise, with
 * the app's own login, the session's login (or HTTP Basic, for API clients) makes the request an
 * {@link AdminRequest}, so {@code getUserPrincipal()} and {@code isUserInRole("contactsync-admin")} (or
 * {@code "contactsync-viewer"}) hold downstream, Jersey included. Basic
 * credentials are parsed by {@link BasicCredentials} and checked by {@link PasswordCheck}, the login form's throttle.
 */
public final class AdminAuthFilter implements Filter {
    /** The session attribute holding the logged-in user's name (the administrator or the viewer). */
    public static final String SESSION_USER = "contactsync.admin";
    /** The session attribute holding the logged-in user's role ({@link #ROLE} or {@link #VIEWER_ROLE}). */
    public static final String SESSION_ROLE = "contactsync.role";
    public static final String ROLE = ApiSettings.DEFAULT_ADMIN_ROLE;
    /** The role of users who may look at everything and change nothing. */
    public static final String VIEWER_ROLE = ApiSettings.DEFAULT_VIEWER_ROLE;

    private static final Logger log = LoggerFactory.getLogger(AdminAuthFilter.class);

    private final AuthMode mode;
    private final PasswordCheck passwords;

    /** @param passwords checks the app's own admin credentials; null when the container authenticates */
    public AdminAuthFilter(AuthMode mode, PasswordCheck passwords) {
        this.mode = mode;
        this.passwords = passwords;
        if (mode == AuthMode.APP && passwords == null) {
            throw new IllegalArgumentException("the app's own login needs admin credentials");
        }
    }

    /** The path inside the application as the container decoded and normalised it. */
    static String pathOf(HttpServletRequest req) {
        String servletPath = req.getServletPath() == null ? "" : req.getServletPath();
        String info = req.getPathInfo();
        String path = info == null ? servletPath : servletPath + info;
        return path.isEmpty() ? "/" : path;
    }

    static boolean isPublic(String path) {
        return path.equals("/login") || path.startsWith("/static/") || path.equals("/directory")
                || path.startsWith("/directory/") || path.equals("/favicon.ico")
                || path.equals("/health") || path.equals("/health/ready");
    }

    /** A scraper's bearer token for /metrics is checked by the API itself (MetricsTokenFilter). */
    static boolean isMetricsTokenRequest(String path, HttpServletRequest req) {
        String auth = req.getHeader("Authorization");
        return path.equals("/metrics") && auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse res = (HttpServletResponse) response;
        String path = pathOf(req);
        if (isPublic(path) || isMetricsTokenRequest(path, req)) {
            chain.doFilter(req, res);
            return;
        }
        if (req.getUserPrincipal() != null) {
            if (hasRole(req)) {
                chain.doFilter(req, res);
            } else {
                forbidden(req, res, path);
            }
            return;
        }
        if (mode == AuthMode.CONTAINER) {
            containerLogin(req, res, chain, path);
            return;
        }
        HttpSession session = req.getSession(false);
        Object user = session == null ? null : session.getAttribute(SESSION_USER);
        if (user instanceof String name) {
            Object role = session.getAttribute(SESSION_ROLE);
            chain.doFilter(new AdminRequest(req, name, HttpServletRequest.FORM_AUTH,
                    VIEWER_ROLE.equals(role) ? VIEWER_ROLE : ROLE), res);
            return;
        }
        boolean api = path.equals("/api") || path.startsWith("/api/") || path.equals("/metrics");
        if (api) {
            String authorization = req.getHeader("Authorization");
            if (BasicCredentials.isBasic(authorization)) {
                basic(req, res, chain, BasicCredentials.parse(authorization));
                return;
            }
            unauthorized(req, res, "Log in first: open the sync page and sign in, or send the administrator's user "
                    + "name and password with HTTP Basic authentication.");
            return;
        }
        if ("GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod())) {
            String target = path + (req.getQueryString() == null ? "" : "?" + req.getQueryString());
            res.sendRedirect(req.getContextPath() + "/login"
                    + (target.equals("/") ? "" : "?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8)));
            return;
        }
        res.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Log in first.");
    }

    private void containerLogin(HttpServletRequest req, HttpServletResponse res, FilterChain chain, String path)
            throws IOException, ServletException {
        boolean authenticated;
        try {
            authenticated = req.authenticate(res);
        } catch (ServletException e) {
            log.warn("contactsync.auth is 'container' but the server has no login configured for this application: {}",
                    e.toString());
            res.setStatus(HttpServletResponse.SC_FORBIDDEN);
            plain(res, "This server is set to authenticate ContactSync's administrators itself "
                    + "(contactsync.auth=container), but no login is configured for the application. "
                    + "Configure the server's security (role contactsync-admin, or contactsync-viewer for read-only "
                    + "access) or set contactsync.auth=app.");
            return;
        }
        if (!authenticated) {
            return; // the container has answered (a challenge or its login page)
        }
        if (hasRole(req)) {
            chain.doFilter(req, res);
        } else {
            forbidden(req, res, path);
        }
    }

    private static boolean hasRole(HttpServletRequest req) {
        return req.isUserInRole(ROLE) || req.isUserInRole(VIEWER_ROLE);
    }

    private void basic(HttpServletRequest req, HttpServletResponse res, FilterChain chain,
                       Optional<BasicCredentials> credentials) throws IOException, ServletException {
        String user = credentials.map(BasicCredentials::user).orElse(null);
        String password = credentials.map(BasicCredentials::password).orElse(null);
        PasswordCheck.Result result = passwords.check(req, user, password);
        if (result instanceof PasswordCheck.Result.Accepted ok) {
            chain.doFilter(new AdminRequest(req, ok.user(), HttpServletRequest.BASIC_AUTH, ok.role()), res);
        } else if (result instanceof PasswordCheck.Result.Wait w) {
            log.warn("Refused HTTP Basic credentials from {} unchecked: too many failed sign-ins",
                    passwords.clientAddress(req));
            res.setStatus(429);
            res.setHeader("Retry-After", String.valueOf(LoginThrottle.retryAfterSeconds(w.retryAfter())));
            json(res, LoginThrottle.message(w.retryAfter()));
        } else {
            // Not the user name either: a password is often typed into it by mistake.
            log.warn("Refused wrong HTTP Basic credentials from {}", passwords.clientAddress(req));
            unauthorized(req, res, "Wrong user name or password for the ContactSync administrator.");
        }
    }

    private static void unauthorized(HttpServletRequest req, HttpServletResponse res, String detail)
            throws IOException {
        res.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        // Browsers would pop up their own dialog on a challenge; the page's scripts say who they are.
        if (req.getHeader("X-Requested-With") == null) {
            res.setHeader("WWW-Authenticate", BasicCredentials.CHALLENGE);
        }
        json(res, detail);
    }

    private static void forbidden(HttpServletRequest req, HttpServletResponse res, String path) throws IOException {
        res.setStatus(HttpServletResponse.SC_FORBIDDEN);
        String msg = "Your account '" + req.getRemoteUser() + "' has neither the role " + ROLE
                + " that ContactSync's administrators need nor " + VIEWER_ROLE + " for read-only access. Ask the "
                + "server's administrator to grant one of them.";
        if (path.startsWith("/api/")) {
            json(res, msg);
        } else {
            plain(res, msg);
        }
    }

    private static void json(HttpServletResponse res, String detail) throws IOException {
        res.setContentType("application/json;charset=UTF-8");
        res.getWriter().write("{\"detail\":\"" + jsonEscape(detail) + "\"}");
    }

    private static void plain(HttpServletResponse res, String text) throws IOException {
        res.setContentType("text/plain;charset=UTF-8");
        res.getWriter().write(text);
    }

    static String jsonEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '<' -> sb.append("\\u003c");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
