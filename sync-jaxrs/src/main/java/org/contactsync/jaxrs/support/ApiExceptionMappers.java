package org.contactsync.jaxrs.support;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;

import org.contactsync.sync.SyncSourceException;
import org.glassfish.jersey.server.ParamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error answer of the API comes from here: JSON {@code {"detail": "..."}} with the right status, no stack
 * traces or internals. Requests outside {@code api/} that do not ask for JSON keep the host application's usual
 * answers, so mounting the feature does not change a host's HTML pages.
 */
public final class ApiExceptionMappers {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionMappers.class);
    private static final Set<String> HEADERS_NOT_COPIED = Set.of("content-type", "content-length");

    private ApiExceptionMappers() {
    }

    /** The mapper instances to register, in no particular order (Jersey picks the closest type). */
    public static List<Object> all() {
        return List.of(new WebApplication(), new SourceFailure(), new BadJson(), new Unexpected());
    }

    static boolean wantsJson(UriInfo uri, HttpHeaders headers) {
        try {
            String path = uri.getPath();
            if (path.equals("api") || path.startsWith("api/")) {
                return true;
            }
            for (MediaType t : headers.getAcceptableMediaTypes()) {
                if (!t.isWildcardType() && t.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                    return true;
                }
            }
        } catch (RuntimeException e) {
            // No request in scope (should not happen in a mapper): answer in JSON.
            return true;
        }
        return false;
    }

    static Response json(int status, Object body) {
        return Response.status(status).type(ApiJson.MEDIA_TYPE).entity(body).build();
    }

    /** Client and routing errors: ours ({@link ApiException}) and Jersey's (404, 405, 406, 415, bad parameters). */
    public static final class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Context
        private UriInfo uri;
        @Context
        private HttpHeaders headers;
        @Context
        private Request request;

        @Override
        public Response toResponse(WebApplicationException e) {
            if (e instanceof ApiException api) {
                return json(api.status(), api.body());
            }
            Response original = e.getResponse();
            if (!wantsJson(uri, headers)) {
                return original;
            }
            int status = original.getStatus();
            if (status >= 500) {
                log.error("Request failed with {}: {}", status, e.toString(), e);
            }
            Response.ResponseBuilder b = Response.status(status).type(ApiJson.MEDIA_TYPE)
                    .entity(new ApiError(detailFor(e, status)));
            original.getStringHeaders().forEach((name, values) -> {
                if (!HEADERS_NOT_COPIED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> b.header(name, v));
                }
            });
            return b.build();
        }

        private String detailFor(WebApplicationException e, int status) {
            if (e instanceof ParamException p) {
                return "Invalid value for the " + p.getParameterType().getSimpleName().replace("Param", "")
                        .toLowerCase(Locale.ROOT) + " parameter '" + p.getParameterName() + "'.";
            }
            if (e instanceof NotFoundException) {
                return "Not found: /" + uri.getPath() + ". Check the address; the API is described in docs/rest-api.md.";
            }
            if (e instanceof NotAllowedException) {
                Set<String> allowed = e.getResponse().getAllowedMethods();
                return "Method " + requestMethod() + " is not allowed on /" + uri.getPath() + "; use "
                        + allowed.stream().filter(m -> !m.equals("OPTIONS") && !m.equals("HEAD")).sorted()
                        .collect(Collectors.joining(" or ")) + ".";
            }
            if (e instanceof NotSupportedException) {
                return "The request body's Content-Type (" + headers.getMediaType()
                        + ") is not accepted here; send application/json, a form, or no body.";
            }
            if (e instanceof NotAcceptableException) {
                return "This endpoint cannot answer in the media type the Accept header asks for; accept "
                        + "application/json (or text/event-stream for /events, text/csv for .csv exports).";
            }
            String message = e.getMessage();
            if (message != null && !message.startsWith("HTTP ") && status < 500) {
                return message;
            }
            Response.StatusType type = e.getResponse().getStatusInfo();
            return status >= 500 ? "Internal server error. The server log has the details."
                    : type.getReasonPhrase() + ".";
        }

        private String requestMethod() {
            return request.getMethod();
        }
    }

    /** The contact source failed (e.g. during a preview): its message is written for people; 502. */
    public static final class SourceFailure implements ExceptionMapper<SyncSourceException> {
        @Override
        public Response toResponse(SyncSourceException e) {
            log.warn("The contact source failed: {} [{}]", e.getMessage(), e.detail());
            return json(502, new ApiError(e.getMessage()));
        }
    }

    /** A request body that is not valid JSON: 400, naming where, never the parser's internals. */
    public static final class BadJson implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            return json(400, new ApiError("The request body is not valid JSON" + where + "."));
        }
    }

    /** Anything else is a fault of ours: logged with a reference, answered 500 with that reference only. */
    public static final class Unexpected implements ExceptionMapper<Throwable> {
        @Context
        private UriInfo uri;
        @Context
        private HttpHeaders headers;

        @Override
        public Response toResponse(Throwable e) {
            String ref = UUID.randomUUID().toString().substring(0, 8);
            log.error("Unexpected failure (reference {})", ref, e);
            String detail = "Internal server error (reference " + ref + "). The server log has the details.";
            if (!wantsJson(uri, headers)) {
                return Response.serverError().type(MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8")).entity(detail)
                        .build();
            }
            return json(500, new ApiError(detail));
        }
    }
}
