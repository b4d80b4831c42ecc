package org.contactsync.webapp.page;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves the page's CSS, scripts and icons from the class path ({@code org/contactsync/webapp/static}). Only known
 * file types and plain names are served, so nothing else on the class path can be read through it.
 */
public final class StaticServlet extends HttpServlet {
    private static final String BASE = "/org/contactsync/webapp/static/";
    private static final Map<String, String> TYPES = Map.of(
            "css", "text/css;charset=UTF-8",
            "js", "text/javascript;charset=UTF-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        String name = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1));
        if (type == null || !name.matches("[a-z0-9-]+\\.[a-z]+")) {
            res.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        try (InputStream in = StaticServlet.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                res.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            byte[] body = in.readAllBytes();
            res.setContentType(type);
            res.setContentLength(body.length);
            res.setHeader("X-Content-Type-Options", "nosniff");
            // Short cache: the page is used by few people and must pick up a new version after an upgrade.
            res.setHeader("Cache-Control", "max-age=300");
            res.getOutputStream().write(body);
        }
    }
}
