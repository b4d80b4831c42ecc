package org.contactsync.webapp.page;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.contactsync.jaxrs.ApiSettings;

/**
 * The administrator's pages: the sync page at {@code /} and the contacts page at {@code /contacts}. The templates
 * hold the structure; the data comes from {@code /api} through the page's script. A viewer gets the same pages,
 * told that they are read-only and without the buttons that change anything.
 */
public final class PageServlet extends HttpServlet {
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
            default -> res.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }
}
