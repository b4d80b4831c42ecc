package org.contactsync.webapp.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.contactsync.webapp.page.PageRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's own login ({@code GET/POST /login}) and logout ({@code POST /logout}). A successful login changes the
 * session id (no session fixation) and stores the user in the session; {@link AdminAuthFilter} does the rest.
 * After many failures in a short time, logins pause for a minute, so the password cannot be guessed quickly.
 */
public final class LoginServlet extends HttpServlet {
    private static final Logger log = LoggerFactory.getLogger(LoginServlet.class);
    static final int MAX_FAILURES = 10;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(1);

    private final AdminCredentials credentials;
    private final OriginCheck originCheck;
    private final PageRenderer renderer;
    private final Clock clock;
    private final Deque<Instant> failures = new ArrayDeque<>();

    public LoginServlet(AdminCredentials credentials, OriginCheck originCheck, PageRenderer renderer, Clock clock) {
        this.credentials = credentials;
        this.originCheck = originCheck;
        this.renderer = renderer;
        this.clock = clock;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        if (!"/login".equals(req.getServletPath())) {
            res.setHeader("Allow", "POST");
            res.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        HttpSession session = req.getSession(false);
        if (session != null && session.getAttribute(AdminAuthFilter.SESSION_USER) != null) {
            res.sendRedirect(req.getContextPath() + safeNext(req.getParameter("next")));
            return;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("next", safeNext(req.getParameter("next")));
        model.put("user", "");
        if (req.getParameter("logged-out") != null) {
            model.put("info", "You have been logged out.");
        }
        renderer.render(req, res, 200, "login.ftlh", model);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
        req.setCharacterEncoding("UTF-8");
        if (!originCheck.allows(req)) {
            res.sendError(HttpServletResponse.SC_FORBIDDEN, "This form was sent from another site and was refused.");
            return;
        }
        if ("/logout".equals(req.getServletPath())) {
            logout(req, res);
            return;
        }
        String user = req.getParameter("user");
        String password = req.getParameter("password");
        String next = safeNext(req.getParameter("next"));
        Map<String, Object> model = new HashMap<>();
        model.put("next", next);
        model.put("user", user == null ? "" : user);
        if (tooManyFailures()) {
            model.put("error", "Too many failed logins. Wait a minute, then try again.");
            renderer.render(req, res, 429, "login.ftlh", model);
            return;
        }
        if (user == null || user.isBlank() || password == null || password.isEmpty()) {
            model.put("error", "Enter the user name and the password.");
            renderer.render(req, res, 400, "login.ftlh", model);
            return;
        }
        if (!credentials.matches(user.strip(), password)) {
            recordFailure();
            log.warn("Failed admin login for user '{}' from {}", AdminAuthFilter.printable(user),
                    req.getRemoteAddr());
            model.put("error", "The user name or password is wrong. Check them and try again; the password was "
                    + "set with contactsync.admin.password or printed in the server log at first start.");
            renderer.render(req, res, 401, "login.ftlh", model);
            return;
        }
        HttpSession session = req.getSession(false);
        if (session != null) {
            req.changeSessionId();
        } else {
            session = req.getSession(true);
        }
        session.setAttribute(AdminAuthFilter.SESSION_USER, credentials.user());
        log.info("Admin '{}' logged in from {}", credentials.user(), req.getRemoteAddr());
        res.setStatus(HttpServletResponse.SC_SEE_OTHER);
        res.setHeader("Location", req.getContextPath() + next);
    }

    private void logout(HttpServletRequest req, HttpServletResponse res) throws IOException {
        HttpSession session = req.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        res.setStatus(HttpServletResponse.SC_SEE_OTHER);
        res.setHeader("Location", req.getContextPath() + "/login?logged-out");
    }

    /** Only a path inside this application: never another site ("//evil", "https://..."), never a header split. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f) || next.startsWith("/login")) {
            return "/";
        }
        return next;
    }

    private synchronized boolean tooManyFailures() {
        Instant cutoff = clock.instant().minus(FAILURE_WINDOW);
        while (!failures.isEmpty() && failures.peekFirst().isBefore(cutoff)) {
            failures.removeFirst();
        }
        return failures.size() >= MAX_FAILURES;
    }

    private synchronized void recordFailure() {
        failures.addLast(clock.instant());
        if (failures.size() > MAX_FAILURES * 2) {
            failures.removeFirst();
        }
    }
}
