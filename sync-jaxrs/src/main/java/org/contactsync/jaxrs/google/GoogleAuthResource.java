package org.contactsync.jaxrs.google;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.contactsync.audit.ConfigEvent;
import org.contactsync.audit.ConfigEventRecorder;
import org.contactsync.google.AuthorizationRequest;
import org.contactsync.google.GoogleAccount;
import org.contactsync.google.GoogleAuthorizationException;
import org.contactsync.google.GoogleConnectionStatus;
import org.contactsync.jaxrs.ChangesState;
import org.contactsync.jaxrs.RequiresAdmin;
import org.contactsync.jaxrs.openapi.OpenApiExamples;
import org.contactsync.jaxrs.support.Actors;
import org.contactsync.jaxrs.support.ApiException;

/**
 * {@code /api/google}: connect the Google account (OAuth authorization code flow), see whether it is connected, and
 * disconnect. For the administrator (viewers may only read the status). Never answers with a token.
 *
 * <p>{@code connect} also puts the {@code state} in a short-lived cookie for this API's path, and {@code callback}
 * requires it, so a callback is accepted only in the browser that started the connect (login CSRF), on top of the
 * state being known, unexpired and unused (checked by {@link GoogleAccount}). Connecting and disconnecting are
 * recorded in the timeline with who did it.
 */
@Path("api/google")
@RequiresAdmin
@Tag(name = "google", description = "Connect the Google account (OAuth) and see whether it is connected.")
@Produces(MediaType.APPLICATION_JSON)
public final class GoogleAuthResource {
    static final String STATE_COOKIE = "contactsync_google_state";

    private final GoogleAccount account;
    private final ConfigEventRecorder events;

    /** Without a timeline. */
    public GoogleAuthResource(GoogleAccount account) {
        this(account, ConfigEventRecorder.NONE);
    }

    /** Records connecting and disconnecting in {@code events}. */
    public GoogleAuthResource(GoogleAccount account, ConfigEventRecorder events) {
        this.account = Objects.requireNonNull(account, "account");
        this.events = Objects.requireNonNull(events, "events");
    }

    /**
     * Starts a connect. A client that accepts JSON gets {@code {"authorization_url": ...}} and sends the browser
     * there itself; a plain form post is redirected (303) to Google's consent page.
     */
    @POST
    @Path("connect")
    @Produces({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Operation(summary = "Starts connecting a Google account",
            description = "Sets a short-lived state cookie for /api/google.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "For clients accepting JSON: where to send the "
                            + "browser", content = @Content(mediaType = "application/json",
                            schema = @Schema(type = "object", requiredProperties = {"authorization_url", "expires_at"}),
                            examples = @ExampleObject(value = OpenApiExamples.GOOGLE_CONNECT))),
                    @ApiResponse(responseCode = "303", description = "For a plain form post: Google's consent page"),
                    @ApiResponse(responseCode = "400", description = "Google is not set up")})
    public Response connect(@Context UriInfo uri, @Context HttpHeaders headers) {
        AuthorizationRequest req;
        try {
            req = account.startAuthorization(redirectUri(uri));
        } catch (GoogleAuthorizationException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        int maxAge = (int) Math.max(1, account.settings().stateTimeToLive().toSeconds());
        NewCookie cookie = stateCookie(uri, req.state(), maxAge);
        if (wantsJson(headers)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("authorization_url", req.authorizationUrl().toString());
            body.put("expires_at", req.expiresAt().toString());
            return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).cookie(cookie).build();
        }
        return Response.seeOther(req.authorizationUrl()).cookie(cookie).build();
    }

    /** Google sends the browser back here; on success the browser goes on to the sync page. */
    @GET
    @Path("callback")
    @ChangesState
    @Produces({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Operation(summary = "Where Google sends the browser back",
            responses = {
                    @ApiResponse(responseCode = "303", description = "Connected: on to the sync page (?google=connected)"),
                    @ApiResponse(responseCode = "400", description = "Refused: no or a foreign state, consent denied, "
                            + "or Google refused the code", content = @Content(mediaType = "application/json", schema = @Schema(ref = OpenApiExamples.ERROR_REF),
                                    examples = @ExampleObject(value = OpenApiExamples.GOOGLE_REFUSED)))})
    public Response callback(@Parameter(description = "Google's authorization code") @QueryParam("code") String code,
                             @Parameter(description = "The state handed out by connect") @QueryParam("state")
                             String state,
                             @Parameter(description = "Google's error, e.g. access_denied") @QueryParam("error")
                             String error,
                             @Parameter(description = "The state cookie set by connect") @CookieParam(STATE_COOKIE)
                             String cookieState,
                             @Context UriInfo uri, @Context SecurityContext who) {
        NewCookie clear = stateCookie(uri, "", 0);
        if (state == null || state.isBlank()) {
            throw refused("Google's answer had no state, so it cannot be matched to a connect started here. "
                    + "Start again with \"Connect Google\" on the sync page.");
        }
        if (cookieState == null || !cookieState.equals(state)) {
            throw refused("This Google sign-in was not started in this browser (the state does not match). "
                    + "Start again with \"Connect Google\" on the sync page, and open the page at the same address "
                    + "as the redirect URI " + redirectUri(uri) + ".");
        }
        try {
            account.completeAuthorization(code, state, error, redirectUri(uri));
        } catch (GoogleAuthorizationException e) {
            throw refused(e.getMessage());
        }
        String email = account.status().accountEmail();
        events.record(ConfigEvent.KIND_GOOGLE, Actors.of(who), "Google account connected"
                + (email == null ? "." : " (" + email + ")."));
        URI page = uri.getBaseUriBuilder().queryParam("google", "connected").build();
        return Response.seeOther(page).cookie(clear).build();
    }

    @GET
    @Path("status")
    @Operation(summary = "Whether Google is set up and an account connected",
            responses = @ApiResponse(responseCode = "200", description = "The connection",
                    content = @Content(mediaType = "application/json", schema = @Schema(type = "object",
                            requiredProperties = {"configured", "connected", "account_email", "connected_at"}),
                            examples = @ExampleObject(value = OpenApiExamples.GOOGLE_STATUS))))
    public Map<String, Object> status() {
        return json(account.status());
    }

    /** Forgets the stored token; the account's access stays listed at Google until removed there. */
    @POST
    @Path("disconnect")
    @Operation(summary = "Forgets the stored Google token",
            responses = @ApiResponse(responseCode = "200", description = "Disconnected: a message and the status",
                    content = @Content(mediaType = "application/json", schema = @Schema(type = "object",
                            requiredProperties = {"message", "connected"}))))
    public Map<String, Object> disconnect(@Context SecurityContext who) {
        String email = account.status().accountEmail();
        account.disconnect();
        events.record(ConfigEvent.KIND_GOOGLE, Actors.of(who), "Google account disconnected"
                + (email == null ? "." : " (" + email + ")."));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", "Google account disconnected. To revoke access at Google as well, remove ContactSync at "
                + "https://myaccount.google.com/permissions.");
        body.putAll(json(account.status()));
        return body;
    }

    private URI redirectUri(UriInfo uri) {
        return account.redirectUri(uri.getBaseUriBuilder().path(GoogleAuthResource.class).path("callback").build());
    }

    private static ApiException refused(String detail) {
        return ApiException.badRequest(detail);
    }

    private static NewCookie stateCookie(UriInfo uri, String value, int maxAge) {
        String path = uri.getBaseUri().getRawPath();
        path = (path.endsWith("/") ? path : path + "/") + "api/google";
        return new NewCookie.Builder(STATE_COOKIE).value(value).path(path).maxAge(maxAge).httpOnly(true)
                .secure("https".equalsIgnoreCase(uri.getBaseUri().getScheme()))
                .sameSite(NewCookie.SameSite.LAX).build();
    }

    private static boolean wantsJson(HttpHeaders headers) {
        for (MediaType t : headers.getAcceptableMediaTypes()) {
            if (!t.isWildcardType() && t.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> json(GoogleConnectionStatus s) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("configured", s.configured());
        body.put("connected", s.connected());
        body.put("account_email", s.accountEmail());
        body.put("connected_at", s.connectedAt() == null ? null : s.connectedAt().toString());
        return body;
    }
}
