package org.contactsync.webapp.page;

import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.contactsync.jaxrs.ApiSettings;

/**
 * The administrator's pages: the sync page at {@code /}, the contacts page at {@code /contacts} and a run's detail
 * page at {@code /runs/{id}}. The templates hold the structure; the data comes from {@code /api} through the page's
 * script. A viewer gets the same pages, told that they are read-only and without the buttons that change anything.
 */
public final class PageServlet extends HttpServlet {
    /** {@code /runs/42}: a run id is a positive number of at most 18 digits. */
    private static final Pattern RUN_PAGE = Pattern.compile("/runs/([1-9][0-9]{0,17})");

    private final PageRenderer renderer;

    public PageServlet(PageRenderer renderer) {
        this.renderer = renderer;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        String user = req.getRemoteUser();
        boolean viewer = req.isUserInRole(ApiSettings.DEFAULT_VIEWER_ROLE)
                && !req.isUserInRole(ApiSettings.DEFAULT_ADMIN_ROLE);
        Map<String, Object> model = Map.of("user", user == null ? "" : user, "viewer", viewer);
        switch (path) {
            case "", "/" -> renderer.render(req, res, 200, "sync.ftlh", model);
            case "/contacts" -> renderer.render(req, res, 200, "contacts.ftlh", model);
            default -> {
                Matcher run = RUN_PAGE.matcher(path);
                if (run.matches()) {
                    renderer.render(req, res, 200, "run.ftlh", Map.of("user", model.get("user"),
                            "runId", run.group(1)));
                } else {
                    res.sendError(HttpServletResponse.SC_NOT_FOUND);
                }
            }
        }
    }
}
