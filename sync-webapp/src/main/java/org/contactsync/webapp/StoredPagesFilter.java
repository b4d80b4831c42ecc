package org.contactsync.webapp;

import java.io.IOException;
import java.net.URI;
import java.util.Enumeration;
import java.util.Objects;
import java.util.Optional;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.contactsync.jaxrs.directory.PhoneRequest;
import org.contactsync.jaxrs.directory.StoredAnswer;
import org.contactsync.jaxrs.directory.StoredPages;
import org.contactsync.jaxrs.metrics.DirectoryRequestMetrics;

/**
 * In front of Jersey on {@code /directory/*}: answers a phone's GET of a page the directory already rendered for
 * the current snapshot straight from {@link StoredPages} (the stored bytes, or 304), without Jersey's request
 * processing; everything else goes on to Jersey unchanged. Glue only: which page, charset, model, access and
 * validators is decided by the directory's own rules in sync-jaxrs. Mapped where Jersey is mapped at {@code /*}.
 */
public final class StoredPagesFilter implements Filter {
    private final StoredPages pages;
    private final DirectoryRequestMetrics metrics;

    /** @param metrics counts the answers this filter gives (as Jersey counts its own); null when off */
    public StoredPagesFilter(StoredPages pages, DirectoryRequestMetrics metrics) {
        this.pages = Objects.requireNonNull(pages, "pages");
        this.metrics = metrics;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        Optional<StoredAnswer> stored = Optional.empty();
        String path = null;
        if ("GET".equals(req.getMethod())) {
            path = pathBelowBase(req);
            stored = pages.answer(new PhoneRequest(base(req), path, req.getQueryString(), name -> header(req, name),
                    req.getRemoteAddr()));
        }
        if (stored.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        StoredAnswer answer = stored.get();
        HttpServletResponse res = (HttpServletResponse) response;
        res.setStatus(answer.status());
        answer.headers().forEach(res::setHeader);
        if (answer.body().length > 0) {
            res.setContentLength(answer.body().length);
            res.getOutputStream().write(answer.body());
        }
        if (metrics != null) {
            metrics.count(path, answer.status());
        }
    }

    /**
     * A header as Jersey reads it: several lines of the same header joined with ',' (so, behind a trusted proxy,
     * the last X-Forwarded-For address is the same one Jersey's access check sees); null when absent.
     */
    private static String header(HttpServletRequest req, String name) {
        Enumeration<String> values = req.getHeaders(name);
        if (values == null || !values.hasMoreElements()) {
            return null;
        }
        String first = values.nextElement();
        if (!values.hasMoreElements()) {
            return first;
        }
        StringBuilder all = new StringBuilder(first);
        while (values.hasMoreElements()) {
            all.append(',').append(values.nextElement());
        }
        return all.toString();
    }

    /**
     * The application's base URI as Jersey computes it for a servlet at {@code /*}: the request URL's scheme, host
     * and port, then the context path, then '/'.
     */
    private static URI base(HttpServletRequest req) {
        StringBuffer url = req.getRequestURL();
        int authorityEnd = url.length() - req.getRequestURI().length();
        return URI.create(url.substring(0, authorityEnd) + req.getContextPath() + "/");
    }

    /** The path as sent (not decoded) below the base, without the leading '/', e.g. "directory/groups/2ABC". */
    private static String pathBelowBase(HttpServletRequest req) {
        String uri = req.getRequestURI();
        int from = req.getContextPath().length();
        return uri.length() > from && uri.charAt(from) == '/' ? uri.substring(from + 1) : uri.substring(from);
    }
}
