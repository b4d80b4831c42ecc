package org.contactsync.jaxrs.support;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * An error answer the API chose on purpose: a status, a detail for people and optional extra fields (e.g. the
 * run id of the sync that is already running). {@link ApiExceptionMappers} turns it into JSON.
 */
public class ApiException extends WebApplicationException {
    private final int status;
    private final String detail;
    private final Map<String, Object> extra = new LinkedHashMap<>();

    public ApiException(int status, String detail) {
        super(detail, status);
        this.status = status;
        this.detail = detail;
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, detail);
    }

    public static ApiException unavailable(String detail) {
        return new ApiException(503, detail);
    }

    /** Adds a field next to "detail" in the body. */
    public ApiException with(String field, Object value) {
        extra.put(field, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String detail() {
        return detail;
    }

    /** The JSON body: detail first, then the extra fields. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detail", detail);
        body.putAll(extra);
        return Collections.unmodifiableMap(body);
    }

    /** The answer as a response; used where code answers instead of throwing (filters). */
    public Response toResponse() {
        return Response.status(status).type(ApiJson.MEDIA_TYPE).entity(body()).build();
    }
}
