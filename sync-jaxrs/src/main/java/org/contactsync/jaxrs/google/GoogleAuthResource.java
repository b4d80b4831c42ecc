package org.contactsync.jaxrs.google;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
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
import org.contactsync.contact.Contact;
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
 * {@code /api/google}: connect a Google source's account (OAuth authorization code flow), see whether it is
 * connected, and disconnect. For the administrator (viewers may only read the status). Never answers with a token.
 * Connecting and disconnecting are recorded in the timeline with who did it.
 *
 * <p>Each Google source connects its own account: {@code /api/google/{source}/connect}, {@code .../status} and
 * {@code .../disconnect}; the paths without a source ({@code /api/google/connect}, ...) are the source
 * {@code default}'s (or the only Google source's). There is one callback, {@code /api/google/callback}, for every
 * source (one redirect URI to register with Google): the state names its source ({@link GoogleAccount#sourceOfState})
 * and only that source's account accepts it.
 *
 * <p>{@code connect} also puts the {@code state} in a short-lived cookie for this API's path (one per source), and
 * {@code callback} requires it, so a callback is accepted only in the browser that started the connect (login
 * CSRF), on top of the state being known to that source, unexpired and unused (checked by {@link GoogleAccount}).
 */
@Path("api/google")
@RequiresAdmin
@Tag(name = "google", description = "Connect the Google account (OAuth) and see whether it is connected.")
@Produces(MediaType.APPLICATION_JSON)
public final class GoogleAuthResource {
    static final String STATE_COOKIE = "contactsync_google_state";

    private final Map<String, GoogleAccount> accounts = new LinkedHashMap<>();
    private final ConfigEventRecorder events;

    /** The one Google account of a single-source installation, without a timeline. */
    public GoogleAuthResource(GoogleAccount account) {
        this(List.of(Objects.requireNonNull(account, "account")), ConfigEventRecorder.NONE);
    }

    /**
     * Every Google source's account, in the configured order; connecting and disconnecting are recorded in
     * {@code events}.
     */
    public GoogleAuthResource(List<GoogleAccount> accounts, ConfigEventRecorder events) {
        this.events = Objects.requireNonNull(events, "events");
        for (GoogleAccount a : accounts) {
            if (this.accounts.putIfAbsent(a.source(), a) != null) {
                throw new IllegalArgumentException("Two Google accounts for the source " + a.source());
            }
        }
        if (this.accounts.isEmpty()) {
            throw new IllegalArgumentException("at least one Google account is needed");
        }
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
        return connect(defaultAccount(), uri, headers);
    }

    @POST
    @Path("{source}/connect")
    @Produces({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Operation(summary = "Starts connecting the Google account of one source",
            description = "Sets a short-lived state cookie for /api/google. A google-directory source asks for the "
                    + "directory.readonly scope.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "For clients accepting JSON: where to send the "
                            + "browser", content = @Content(mediaType = "application/json",
                            schema = @Schema(type = "object", requiredProperties = {"authorization_url", "expires_at"}),
                            examples = @ExampleObject(value = OpenApiExamples.GOOGLE_CONNECT))),
                    @ApiResponse(responseCode = "303", description = "For a plain form post: Google's consent page"),
                    @ApiResponse(responseCode = "400", description = "Google is not set up for this source"),
                    @ApiResponse(responseCode = "404", description = "No Google source of that name",
                            content = @Content(mediaType = "application/json",
                                    schema = @Schema(ref = OpenApiExamples.ERROR_REF)))})
    public Response connectSource(@Parameter(description = "The source's name, e.g. staff") @PathParam("source")
                                  String source, @Context UriInfo uri, @Context HttpHeaders headers) {
        return connect(account(source), uri, headers);
    }

    private Response connect(GoogleAccount account, UriInfo uri, HttpHeaders headers) {
        AuthorizationRequest req;
        try {
            req = account.startAuthorization(redirectUri(account, uri));
        } catch (GoogleAuthorizationException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        int maxAge = (int) Math.max(1, account.settings().stateTimeToLive().toSeconds());
        NewCookie cookie = stateCookie(uri, account.source(), req.state(), maxAge);
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
            description = "One callback for every Google source: the state names the source. Requires the state "
                    + "cookie set by connect (" + STATE_COOKIE + " for the default source, " + STATE_COOKIE
                    + "_NAME for the source NAME).",
            responses = {
                    @ApiResponse(responseCode = "303", description = "Connected: on to the sync page (?google=connected, "
                            + "and &source=NAME for a source other than default)"),
                    @ApiResponse(responseCode = "400", description = "Refused: no or a foreign state, consent denied, "
                            + "or Google refused the code", content = @Content(mediaType = "application/json", schema = @Schema(ref = OpenApiExamples.ERROR_REF),
                                    examples = @ExampleObject(value = OpenApiExamples.GOOGLE_REFUSED)))})
    public Response callback(@Parameter(description = "Google's authorization code") @QueryParam("code") String code,
                             @Parameter(description = "The state handed out by connect") @QueryParam("state")
                             String state,
                             @Parameter(description = "Google's error, e.g. access_denied") @QueryParam("error")
                             String error,
                             @Context HttpHeaders headers,
                             @Context UriInfo uri, @Context SecurityContext who) {
        if (state == null || state.isBlank()) {
            throw refused("Google's answer had no state, so it cannot be matched to a connect started here. "
                    + "Start again with \"Connect Google\" on the sync page.");
        }
        GoogleAccount account = accounts.get(GoogleAccount.sourceOfState(state).orElseThrow());
        if (account == null) {
            throw refused("This Google sign-in does not belong to a connect started here (the state does not "
                    + "match any configured source). Start again with \"Connect Google\" on the sync page.");
        }
        NewCookie clear = stateCookie(uri, account.source(), "", 0);
        Cookie cookie = headers.getCookies().get(cookieName(account.source()));
        String cookieState = cookie == null ? null : cookie.getValue();
        if (cookieState == null || !cookieState.equals(state)) {
            throw refused("This Google sign-in was not started in this browser (the state does not match). "
                    + "Start again with \"Connect Google\" on the sync page, and open the page at the same address "
                    + "as the redirect URI " + redirectUri(account, uri) + ".");
        }
        try {
            account.completeAuthorization(code, state, error, redirectUri(account, uri));
        } catch (GoogleAuthorizationException e) {
            throw refused(e.getMessage());
        }
        String email = account.status().accountEmail();
        events.record(ConfigEvent.KIND_GOOGLE, Actors.of(who), "Google account connected" + forSource(account)
                + (email == null ? "." : " (" + email + ")."), account.source());
        var page = uri.getBaseUriBuilder().queryParam("google", "connected");
        if (!Contact.DEFAULT_SOURCE.equals(account.source())) {
            page.queryParam("source", account.source());
        }
        return Response.seeOther(page.build()).cookie(clear).build();
    }

    @GET
    @Path("status")
    @Operation(summary = "Whether Google is set up and an account connected",
            responses = @ApiResponse(responseCode = "200", description = "The connection",
                    content = @Content(mediaType = "application/json", schema = @Schema(type = "object",
                            requiredProperties = {"configured", "connected", "account_email", "connected_at"}),
                            examples = @ExampleObject(value = OpenApiExamples.GOOGLE_STATUS))))
    public Map<String, Object> status() {
        return json(defaultAccount());
    }

    @GET
    @Path("{source}/status")
    @Operation(summary = "Whether Google is set up and an account connected for one source",
            responses = {
                    @ApiResponse(responseCode = "200", description = "The connection",
                            content = @Content(mediaType = "application/json", schema = @Schema(type = "object",
                                    requiredProperties = {"source", "configured", "connected", "account_email",
                                            "connected_at"}),
                                    examples = @ExampleObject(value = OpenApiExamples.GOOGLE_STATUS))),
                    @ApiResponse(responseCode = "404", description = "No Google source of that name",
                            content = @Content(mediaType = "application/json",
                                    schema = @Schema(ref = OpenApiExamples.ERROR_REF)))})
    public Map<String, Object> sourceStatus(@Parameter(description = "The source's name, e.g. staff")
                                            @PathParam("source") String source) {
        return json(account(source));
    }

    /** Forgets the stored token; the account's access stays listed at Google until removed there. */
    @POST
    @Path("disconnect")
    @Operation(summary = "Forgets the stored Google token",
            responses = @ApiResponse(responseCode = "200", description = "Disconnected: a message and the status",
                    content = @Content(mediaType = "application/json", schema = @Schema(type = "object",
                            requiredProperties = {"message", "connected"}))))
    public Map<String, Object> disconnect(@Context SecurityContext who) {
        return disconnect(defaultAccount(), who);
    }

    @POST
    @Path("{source}/disconnect")
    @Operation(summary = "Forgets the stored Google token of one source",
            responses = {
                    @ApiResponse(responseCode = "200", description = "Disconnected: a message and the status",
                            content = @Content(mediaType = "application/json", schema = @Schema(type = "object",
                                    requiredProperties = {"message", "source", "connected"}))),
                    @ApiResponse(responseCode = "404", description = "No Google source of that name",
                            content = @Content(mediaType = "application/json",
                                    schema = @Schema(ref = OpenApiExamples.ERROR_REF)))})
    public Map<String, Object> disconnectSource(@Parameter(description = "The source's name, e.g. staff")
                                                @PathParam("source") String source,
                                                @Context SecurityContext who) {
        return disconnect(account(source), who);
    }

    private Map<String, Object> disconnect(GoogleAccount account, SecurityContext who) {
        String email = account.status().accountEmail();
        account.disconnect();
        events.record(ConfigEvent.KIND_GOOGLE, Actors.of(who), "Google account disconnected" + forSource(account)
                + (email == null ? "." : " (" + email + ")."), account.source());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", "Google account disconnected. To revoke access at Google as well, remove ContactSync at "
                + "https://myaccount.google.com/permissions.");
        body.putAll(json(account));
        return body;
    }

    /** " of the source NAME" for a named source, nothing for the single-source configuration's. */
    private static String forSource(GoogleAccount account) {
        return Contact.DEFAULT_SOURCE.equals(account.source()) ? "" : " for the source " + account.source();
    }

    /** The paths without a source: the source {@code default}, or the only Google source there is. */
    private GoogleAccount defaultAccount() {
        GoogleAccount a = accounts.get(Contact.DEFAULT_SOURCE);
        if (a != null) {
            return a;
        }
        if (accounts.size() == 1) {
            return accounts.values().iterator().next();
        }
        throw ApiException.notFound("There are several Google sources (" + String.join(", ", accounts.keySet())
                + "); name one in the path, e.g. /api/google/" + accounts.keySet().iterator().next() + "/connect.");
    }

    private GoogleAccount account(String source) {
        GoogleAccount a = accounts.get(source);
        if (a == null) {
            throw ApiException.notFound("There is no Google source named '" + source + "'. The Google sources are: "
                    + String.join(", ", accounts.keySet()) + ".");
        }
        return a;
    }

    /** The one callback of every source: its path never names a source. */
    private static URI redirectUri(GoogleAccount account, UriInfo uri) {
        return account.redirectUri(uri.getBaseUriBuilder().path(GoogleAuthResource.class).path("callback").build());
    }

    private static String cookieName(String source) {
        return Contact.DEFAULT_SOURCE.equals(source) ? STATE_COOKIE : STATE_COOKIE + "_" + source;
    }

    private static ApiException refused(String detail) {
        return ApiException.badRequest(detail);
    }

    private static NewCookie stateCookie(UriInfo uri, String source, String value, int maxAge) {
        String path = uri.getBaseUri().getRawPath();
        path = (path.endsWith("/") ? path : path + "/") + "api/google";
        return new NewCookie.Builder(cookieName(source)).value(value).path(path).maxAge(maxAge).httpOnly(true)
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

    private static Map<String, Object> json(GoogleAccount account) {
        GoogleConnectionStatus s = account.status();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", account.source());
        body.put("configured", s.configured());
        body.put("connected", s.connected());
        body.put("account_email", s.accountEmail());
        body.put("connected_at", s.connectedAt() == null ? null : s.connectedAt().toString());
        return body;
    }
}
