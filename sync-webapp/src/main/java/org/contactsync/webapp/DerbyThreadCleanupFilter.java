package org.contactsync.webapp;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded Derby keeps, in a ThreadLocal of every thread that used a pooled connection, a reference to that
 * connection's context. On the container's request threads that reference would outlive an undeploy and pin this
 * web application's class loader (Tomcat reports it as a leak). After each request this filter removes it again;
 * Derby sets it anew at the next call. Installed only for an embedded Derby that came with this web application.
 */
final class DerbyThreadCleanupFilter implements Filter {
    private static final Logger log = LoggerFactory.getLogger(DerbyThreadCleanupFilter.class);

    private final Method getFactory;
    private final Field threadContextList;
    private volatile boolean failed;

    private DerbyThreadCleanupFilter(Method getFactory, Field threadContextList) {
        this.getFactory = getFactory;
        this.threadContextList = threadContextList;
    }

    /** The filter, or null when this Derby version does not look as expected (then nothing is cleaned). */
    static DerbyThreadCleanupFilter create() {
        try {
            Class<?> service = Class.forName("org.apache.derby.iapi.services.context.ContextService");
            Field field = service.getDeclaredField("threadContextList");
            field.setAccessible(true);
            return new DerbyThreadCleanupFilter(service.getMethod("getFactory"), field);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("Derby's per-thread context cannot be cleaned up after requests: {}", e.toString());
            return null;
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } finally {
            cleanUp();
        }
    }

    private void cleanUp() {
        if (failed) {
            return;
        }
        try {
            Object factory = getFactory.invoke(null);
            if (factory != null && threadContextList.get(factory) instanceof ThreadLocal<?> local) {
                local.remove();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            failed = true;
            log.debug("Stopped cleaning up Derby's per-thread context: {}", e.toString());
        }
    }
}
