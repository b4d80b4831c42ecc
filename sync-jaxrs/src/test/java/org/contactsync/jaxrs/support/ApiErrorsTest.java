package org.contactsync.jaxrs.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactsync.jaxrs.testkit.ApiHarness.json;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.contactsync.jaxrs.testkit.ApiHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiErrorsTest {
    private ApiHarness api;

    /** A component with a bug, to see how real faults are answered. */
    @Path("api/broken")
    public static final class BrokenResource {
        @GET
        public String fail() {
            throw new IllegalStateException("jdbc:postgresql://db/contacts?password=hunter2 exploded");
        }
    }

    /** A host page outside api/: its errors keep the host's usual (non-JSON) answers. */
    @Path("page")
    public static final class HostPage {
        @GET
        public String page() {
            return "<html></html>";
        }
    }

    @BeforeEach
    void start() {
        api = ApiHarness.builder().component(new BrokenResource()).hostComponent(HostPage.class).build();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static void assertJsonError(Response r, int status, String detailStart) {
        assertThat(r.getStatus()).isEqualTo(status);
        assertThat(r.getMediaType()).isNotNull();
        assertThat(r.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE)).isTrue();
        String detail = json(r).get("detail").asText();
        assertThat(detail).startsWith(detailStart);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "api/sync/history?limit=abc     | limit must be a whole number between 1 and 100, was 'abc'",
            "api/sync/history?limit=-1      | limit must be between 1 and 100",
            "api/sync/history?limit=0       | limit must be between 1 and 100",
            "api/sync/history?limit=100000  | limit must be between 1 and 100",
            "api/sync/history?limit=99999999999999999999 | limit must be a whole number",
            "api/sync/history?offset=-5     | offset must be 0 or more",
            "api/sync/history?offset=x      | offset must be a whole number",
            "api/contacts?limit=abc         | limit must be a whole number",
            "api/contacts?limit=101         | limit must be between 1 and 100",
            "api/contacts?offset=-5         | offset must be 0 or more",
    })
    void badPagingParametersAnswer400WithASpecificMessage(String path, String detail) {
        assertJsonError(api.admin(path).get(), 400, detail.strip());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"api/sync/trigger?force_full=maybe", "api/sync/preview?force_full=maybe", "api/sync/trigger?force_full=yes"})
    void aForceFullThatIsNotTrueOrFalseIs400AndStartsNothing(String path) {
        assertJsonError(api.admin(path).post(null), 400, "force_full must be true or false");
        assertThat(api.manager().status().run()).isNull();
    }

    @Test
    void theLimitBoundariesOneAndAHundredAreAccepted() {
        assertThat(api.admin("api/sync/history?limit=1").get().getStatus()).isEqualTo(200);
        assertThat(api.admin("api/sync/history?limit=100").get().getStatus()).isEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource({"api/nothing-here", "api/sync/nothing-here", "api/contacts/1/more", "api"})
    void unknownPathsUnderApiAnswer404Json(String path) {
        assertJsonError(api.admin(path).get(), 404, "Not found: /" + path);
    }

    @Test
    void aWrongMethodAnswers405JsonWithTheAllowedMethods() {
        Response r = api.admin("api/sync/trigger").get();
        assertThat(r.getHeaderString("Allow")).contains("POST");
        assertJsonError(r, 405, "Method GET is not allowed on /api/sync/trigger; use POST");

        assertJsonError(api.admin("api/sync/status").post(null), 405, "Method POST is not allowed");
        assertJsonError(api.admin("api/sync/status").delete(), 405, "Method DELETE is not allowed");
    }

    @Test
    void aWrongBodyTypeAnswers415() {
        Response r = api.admin("api/sync/trigger").post(Entity.entity("<sync/>", MediaType.APPLICATION_XML_TYPE));
        assertJsonError(r, 415, "The request body's Content-Type (application/xml) is not accepted");
        assertThat(api.manager().status().run()).isNull();
    }

    @Test
    void aJsonOrEmptyBodyIsAcceptedByPostEndpoints() {
        assertThat(api.admin("api/sync/cancel").post(Entity.json("{}")).getStatus()).isEqualTo(409);
        assertThat(api.admin("api/sync/cancel").post(Entity.form(new jakarta.ws.rs.core.Form())).getStatus())
                .isEqualTo(409);
    }

    @Test
    void anUnacceptableMediaTypeAnswers406() {
        Response r = api.target("api/sync/status").request(MediaType.APPLICATION_XML_TYPE)
                .header("Authorization", org.contactsync.jaxrs.testkit.BasicAuth.header(ApiHarness.ADMIN_USER,
                        ApiHarness.ADMIN_PASSWORD)).get();
        assertJsonError(r, 406, "This endpoint cannot answer in the media type");
    }

    @Test
    void aRealFaultAnswers500WithAReferenceButNoInternals() {
        Response r = api.admin("api/broken").get();
        assertThat(r.getStatus()).isEqualTo(500);
        String body = r.readEntity(String.class);
        assertThat(json(body).get("detail").asText()).matches(
                "Internal server error \\(reference [0-9a-f]{8}\\)\\. The server log has the details\\.");
        assertThat(body).doesNotContain("hunter2", "jdbc", "IllegalStateException", "at org.");
    }

    @Test
    void wadlIsDisabled() {
        assertThat(api.target("application.wadl").request().get().getStatus()).isEqualTo(404);
    }

    @Test
    void errorsOutsideTheApiKeepTheHostsUsualAnswer() {
        Response r = api.target("page/unknown").request(MediaType.TEXT_HTML_TYPE).get();
        assertThat(r.getStatus()).isEqualTo(404);
        assertThat(r.getMediaType() == null || !r.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE))
                .isTrue();
    }

    @Test
    void apiAnswersAreNotCachedNotSniffedAndCarryNoCorsHeaders() {
        Response r = api.admin("api/sync/status").header("Origin", "https://elsewhere.example").get();
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getHeaderString("Cache-Control")).isEqualTo("no-store");
        assertThat(r.getHeaderString("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.getHeaders().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
    }
}
