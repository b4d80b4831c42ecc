package org.contactsync.webapp.security;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.contactsync.jaxrs.support.LoginThrottle;
import org.contactsync.webapp.page.PageRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's own login ({@code GET/POST /login}) and logout ({@code POST /logout}). A successful login changes the
 * session id (no session fixation) and stores the user in the session; {@link AdminAuthFilter} does the rest.
 * Passwords are checked by {@link PasswordCheck}, whose throttle HTTP Basic on the API shares, so the password
 * cannot be guessed quickly by either way in.
 */
public final class LoginServlet extends HttpServlet {
    private static final Logger log = LoggerFactory.getLogger(LoginServlet.class);

    private final PasswordCheck passwords;
    private final OriginCheck originCheck;
    private final PageRenderer renderer;

    public LoginServlet(PasswordCheck passwords, OriginCheck originCheck, PageRenderer renderer) {
        this.passwords = passwords;
        this.originCheck = originCheck;
        this.renderer = renderer;
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
        if (user == null || user.isBlank() || password == null || password.isEmpty()) {
            model.put("error", "Enter the user name and the password.");
            renderer.render(req, res, 400, "login.ftlh", model);
            return;
        }
        PasswordCheck.Result result = passwords.check(req, user.strip(), password);
        if (result instanceof PasswordCheck.Result.Wait w) {
            log.warn("Refused an admin login from {} unchecked: too many failed sign-ins", passwords.clientAddress(req));
            res.setHeader("Retry-After", String.valueOf(LoginThrottle.retryAfterSeconds(w.retryAfter())));
            model.put("error", LoginThrottle.message(w.retryAfter()));
            renderer.render(req, res, 429, "login.ftlh", model);
            return;
        }
        if (!(result instanceof PasswordCheck.Result.Accepted ok)) {
            // Not the user name: a password is often typed into it by mistake.
            log.warn("Failed admin login from {}", passwords.clientAddress(req));
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
        session.setAttribute(AdminAuthFilter.SESSION_USER, ok.user());
        session.setAttribute(AdminAuthFilter.SESSION_ROLE, ok.role());
        log.info("{} '{}' logged in from {}", AdminAuthFilter.VIEWER_ROLE.equals(ok.role()) ? "Viewer" : "Admin",
                ok.user(), req.getRemoteAddr());
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
}
