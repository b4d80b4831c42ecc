package org.contactsync.jaxrs.metrics;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.security.Principal;

import jakarta.annotation.Priority;
import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;

import org.contactsync.jaxrs.ApiSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a scraper with the metrics token read {@code /metrics} without the admin's password: a request with
 * {@code Authorization: Bearer <token>} equal to the token (compared in constant time) is treated as the admin for
 * that one request, which only ever reaches {@link MetricsResource} (the filter is bound to it alone). Runs before
 * the admin filter, so everything else about admin access stays in one place.
 */
@MetricsTokenFilter.AcceptsMetricsToken
@Priority(Priorities.AUTHENTICATION - 100)
public final class MetricsTokenFilter implements ContainerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(MetricsTokenFilter.class);

    /** Marks the resources a metrics token may read. */
    @NameBinding
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    public @interface AcceptsMetricsToken {
    }

    private final ApiSettings settings;

    /** @param settings with a {@link ApiSettings#hasMetricsToken() metrics token} */
    public MetricsTokenFilter(ApiSettings settings) {
        if (!settings.hasMetricsToken()) {
            throw new IllegalArgumentException("no metrics token is configured");
        }
        this.settings = settings;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return;
        }
        if (!settings.isMetricsToken(authorization.substring(7).strip())) {
            // Left to the admin filter, which answers 401; never log the token.
            log.warn("Refused a /metrics request with a wrong bearer token");
            return;
        }
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return () -> "metrics-token";
            }

            @Override
            public boolean isUserInRole(String role) {
                return settings.adminRole().equals(role);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
    }
}
