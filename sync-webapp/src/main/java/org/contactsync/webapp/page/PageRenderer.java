package org.contactsync.webapp.page;

import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import freemarker.cache.ClassTemplateLoader;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Renders the FreeMarker templates ({@code .ftlh}: every value HTML-escaped) with the security headers every page
 * gets. Templates live on the class path, so any container (and the tests' embedded Jetty) serves them the same way.
 */
public final class PageRenderer {
    /** Scripts and styles only from this app; no inline script, no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private final Configuration freemarker;
    private final Map<String, Object> common;

    /** @param common values every template sees (application title, source...) */
    public PageRenderer(Map<String, Object> common) {
        this.common = Map.copyOf(common);
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setTemplateLoader(new ClassTemplateLoader(PageRenderer.class, "/org/contactsync/webapp/templates"));
        cfg.setDefaultEncoding("UTF-8");
        cfg.setOutputEncoding("UTF-8");
        cfg.setLocale(Locale.ROOT);
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        this.freemarker = cfg;
    }

    public void render(HttpServletRequest req, HttpServletResponse res, int status, String template,
                       Map<String, Object> model) throws IOException {
        Map<String, Object> all = new HashMap<>(common);
        all.put("ctx", req.getContextPath());
        all.putAll(model);
        res.setStatus(status);
        res.setContentType("text/html;charset=UTF-8");
        securityHeaders(res);
        res.setHeader("Cache-Control", "no-store");
        try (Writer out = res.getWriter()) {
            freemarker.getTemplate(template).process(all, out);
        } catch (TemplateException e) {
            throw new IllegalStateException("Template " + template + " failed", e);
        }
    }

    static void securityHeaders(HttpServletResponse res) {
        res.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("Referrer-Policy", "same-origin");
        res.setHeader("X-Frame-Options", "DENY");
    }
}
