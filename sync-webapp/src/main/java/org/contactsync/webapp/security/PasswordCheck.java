package org.contactsync.webapp.security;

import java.time.Duration;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;

import org.contactsync.jaxrs.support.ClientUrl;
import org.contactsync.jaxrs.support.LoginThrottle;

/**
 * Checks the administrator's password for the login form and for HTTP Basic alike, through one {@link LoginThrottle}:
 * credentials this server already verified pass at once (an API client sending Basic on every request, the admin
 * during someone else's guessing); anything else waits its turn before it may cost a PBKDF2 hash.
 */
public final class PasswordCheck {
    private final AdminCredentials credentials;
    private final LoginThrottle throttle;
    private final ClientUrl clientUrl;

    public PasswordCheck(AdminCredentials credentials, LoginThrottle throttle, ClientUrl clientUrl) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.clientUrl = Objects.requireNonNull(clientUrl, "clientUrl");
    }

    /** The outcome of one check. */
    public sealed interface Result {
        record Accepted() implements Result {
        }

        record Wrong() implements Result {
        }

        /** Not checked: too many failures from this address or for this user name. */
        record Wait(Duration retryAfter) implements Result {
        }
    }

    public Result check(HttpServletRequest req, String user, String password) {
        if (credentials.verifiedBefore(user, password)) {
            return new Result.Accepted();
        }
        String address = clientAddress(req);
        Duration wait = throttle.tryAttempt(address, user);
        if (!wait.isZero()) {
            return new Result.Wait(wait);
        }
        if (credentials.matches(user, password)) {
            throttle.succeeded(address, user);
            return new Result.Accepted();
        }
        return new Result.Wrong();
    }

    /** The client's address, as the throttle counts it (for the log too). */
    public String clientAddress(HttpServletRequest req) {
        return clientUrl.clientAddress(req.getRemoteAddr(), req.getHeader("X-Forwarded-For"));
    }

    public AdminCredentials credentials() {
        return credentials;
    }
}
