package org.contactsync.webapp.security;

import java.time.Duration;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;

import org.contactsync.jaxrs.support.ClientUrl;
import org.contactsync.jaxrs.support.LoginThrottle;

/**
 * Checks the administrator's (and the viewer's, when one is configured) password for the login form and for HTTP
 * Basic alike, through one {@link LoginThrottle}: credentials this server already verified pass at once (an API
 * client sending Basic on every request, the admin during someone else's guessing); anything else waits its turn
 * before it may cost a PBKDF2 hash.
 */
public final class PasswordCheck {
    private final AdminCredentials credentials;
    private final AdminCredentials viewer;
    private final LoginThrottle throttle;
    private final ClientUrl clientUrl;

    public PasswordCheck(AdminCredentials credentials, LoginThrottle throttle, ClientUrl clientUrl) {
        this(credentials, null, throttle, clientUrl);
    }

    /** @param viewer the read-only user's credentials, or null for none */
    public PasswordCheck(AdminCredentials credentials, AdminCredentials viewer, LoginThrottle throttle,
                         ClientUrl clientUrl) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.viewer = viewer;
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.clientUrl = Objects.requireNonNull(clientUrl, "clientUrl");
    }

    /** The outcome of one check. */
    public sealed interface Result {
        /** @param role {@link AdminAuthFilter#ROLE} or {@link AdminAuthFilter#VIEWER_ROLE} */
        record Accepted(String user, String role) implements Result {
        }

        record Wrong() implements Result {
        }

        /** Not checked: too many failures from this address or for this user name. */
        record Wait(Duration retryAfter) implements Result {
        }
    }

    public Result check(HttpServletRequest req, String user, String password) {
        if (credentials.verifiedBefore(user, password)) {
            return admin();
        }
        if (viewer != null && viewer.verifiedBefore(user, password)) {
            return viewer();
        }
        String address = clientAddress(req);
        Duration wait = throttle.tryAttempt(address, user);
        if (!wait.isZero()) {
            return new Result.Wait(wait);
        }
        Result result = credentials.matches(user, password) ? admin()
                : viewer != null && viewer.matches(user, password) ? viewer() : new Result.Wrong();
        if (result instanceof Result.Accepted) {
            throttle.succeeded(address, user);
        }
        return result;
    }

    private Result admin() {
        return new Result.Accepted(credentials.user(), AdminAuthFilter.ROLE);
    }

    private Result viewer() {
        return new Result.Accepted(viewer.user(), AdminAuthFilter.VIEWER_ROLE);
    }

    /** The client's address, as the throttle counts it (for the log too). */
    public String clientAddress(HttpServletRequest req) {
        return clientUrl.clientAddress(req.getRemoteAddr(), req.getHeader("X-Forwarded-For"));
    }

    public AdminCredentials credentials() {
        return credentials;
    }
}
