package org.contactsync.jaxrs.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactsync.jaxrs.testkit.ApiHarness.json;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.contactsync.jaxrs.testkit.ApiHarness;
import org.contactsync.jaxrs.testkit.BasicAuth;
import org.contactsync.jaxrs.testkit.TestLoginFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecurityTest {
    private ApiHarness api;

    /** Stands in for the public phone directory mounted through the feature. */
    @Path("directory")
    public static final class PublicDirectory {
        @GET
        public String menu() {
            return "<CiscoIPPhoneMenu/>";
        }

        @POST
        public String change() {
            return "changed";
        }
    }

    private ApiHarness api() {
        if (api == null) {
            api = ApiHarness.builder().component(new PublicDirectory()).hostComponent(TestLoginFilter.class).build();
        }
        return api;
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"api/sync/status", "api/sync/history", "api/sync/info", "api/sync/runs/1",
            "api/sync/history.csv", "api/sync/history.json", "api/contacts", "api/contacts/1"})
    void everyAdminEndpointAnswers401WithABasicChallengeWithoutCredentials(String path) {
        Response r = api().target(path).request().get();
        assertThat(r.getStatus()).isEqualTo(401);
        assertThat(r.getHeaderString("WWW-Authenticate")).startsWith("Basic realm=\"ContactSync\"");
        assertThat(json(r).get("detail").asText()).startsWith("Sign in as the ContactSync administrator");
    }

    @ParameterizedTest
    @ValueSource(strings = {"api/sync/trigger", "api/sync/cancel", "api/sync/preview"})
    void statechangingEndpointsAnswer401WithoutCredentialsAndStartNothing(String path) {
        assertThat(api().target(path).request().post(null).getStatus()).isEqualTo(401);
        assertThat(api().manager().status().run()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"admin,wrong", "Admin,correct horse battery staple", "someone,correct horse battery staple",
            "admin,'correct horse battery staple '", "admin,"})
    void wrongCredentialsAnswer401(String user, String password) {
        Response r = api().target("api/sync/status").request()
                .header("Authorization", BasicAuth.header(user, password == null ? "" : password)).get();
        assertThat(r.getStatus()).isEqualTo(401);
        assertThat(r.getHeaderString("WWW-Authenticate")).startsWith("Basic ");
        assertThat(json(r).get("detail").asText()).isEqualTo(
                "Wrong user name or password for the ContactSync administrator.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic !!!notbase64", "Basic " + "bm9jb2xvbg==", "Basic ", "Bearer abc"})
    void malformedAuthorizationHeadersAnswer401(String header) {
        assertThat(api().target("api/sync/status").request().header("Authorization", header).get().getStatus())
                .isEqualTo(401);
    }

    @Test
    void guessingPasswordsByBasicIsAnsweredWith429AndRetryAfterOnceTheUsersFreeFailuresAreUsed() {
        for (int i = 0; i < LoginThrottle.FREE_PER_USER; i++) {
            assertThat(api().target("api/sync/status").request()
                    .header("Authorization", BasicAuth.header("admin", "guess " + i)).get().getStatus()).isEqualTo(401);
        }
        // Each further failure doubles the wait, so of these some are refused unchecked, however slow the machine.
        Response throttled = null;
        for (int i = 0; i < 5 && throttled == null; i++) {
            Response r = api().target("api/sync/status").request()
                    .header("Authorization", BasicAuth.header("admin", "more " + i)).get();
            throttled = r.getStatus() == 429 ? r : null;
        }
        assertThat(throttled).isNotNull();
        assertThat(Long.parseLong(throttled.getHeaderString("Retry-After"))).isPositive();
        assertThat(json(throttled).get("detail").asText()).startsWith("Too many failed sign-ins");
    }

    @Test
    void theAdminsCredentialsAreAccepted() {
        assertThat(api().admin("api/sync/status").get().getStatus()).isEqualTo(200);
        assertThat(api().admin("api/contacts").get().getStatus()).isEqualTo(200);
    }

    @Test
    void aUserTheContainerReportsInTheAdminRoleIsAcceptedWithoutBasic() {
        Response r = api().target("api/sync/status").request().header(TestLoginFilter.USER, "alice")
                .header(TestLoginFilter.ROLES, "staff, contactsync-admin").get();
        assertThat(r.getStatus()).isEqualTo(200);
    }

    @Test
    void aSignedInUserWithoutTheRoleIsRefused403() {
        Response r = api().target("api/sync/status").request().header(TestLoginFilter.USER, "bob")
                .header(TestLoginFilter.ROLES, "staff").get();
        assertThat(r.getStatus()).isEqualTo(403);
        assertThat(json(r).get("detail").asText()).contains("role 'contactsync-admin'");
    }

    @Test
    void theAdminRoleNameIsConfigurable() {
        api = ApiHarness.builder().settings(s -> s.adminRole("phone-admins")).hostComponent(TestLoginFilter.class)
                .build();
        assertThat(api.target("api/sync/status").request().header(TestLoginFilter.USER, "alice")
                .header(TestLoginFilter.ROLES, "phone-admins").get().getStatus()).isEqualTo(200);
        assertThat(api.target("api/sync/status").request().header(TestLoginFilter.USER, "alice")
                .header(TestLoginFilter.ROLES, "contactsync-admin").get().getStatus()).isEqualTo(403);
    }

    @Test
    void withoutConfiguredCredentialsOnlyTheContainerRoleGetsIn() {
        api = ApiHarness.builder().settings(s -> s.adminCredentials(null, null)).hostComponent(TestLoginFilter.class)
                .build();
        assertThat(api.admin("api/sync/status").get().getStatus()).isEqualTo(401);
        assertThat(api.target("api/sync/status").request().header(TestLoginFilter.USER, "alice")
                .header(TestLoginFilter.ROLES, "contactsync-admin").get().getStatus()).isEqualTo(200);
    }

    @Test
    void thePublicDirectoryNeedsNoCredentials() {
        assertThat(api().target("directory").request().get().getStatus()).isEqualTo(200);
    }

    @Test
    void credentialsNeverAppearInSettingsText() {
        assertThat(org.contactsync.jaxrs.ApiSettings.builder().adminCredentials("admin", "s3cr3t-value").build()
                .toString()).doesNotContain("s3cr3t-value").contains("adminPassword=(set)");
    }

    // --- CSRF ---

    @Test
    void aPostFromAnotherSiteIsRefused403AndStartsNothing() {
        Response r = api().admin("api/sync/trigger").header("Origin", "https://evil.example").post(null);
        assertThat(r.getStatus()).isEqualTo(403);
        assertThat(json(r).get("detail").asText()).startsWith("Cross-site request refused: the Origin header "
                + "(https://evil.example) does not match this server.");
        assertThat(api().manager().status().run()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "http://localhost:9999", "http://localhost.evil.example:9998", "not a url",
            "http://evil.example/http://localhost:9998"})
    void originsThatAreNotThisServerAreRefused(String origin) {
        assertThat(api().admin("api/sync/cancel").header("Origin", origin).post(null).getStatus()).isEqualTo(403);
    }

    @Test
    void aRefererFromAnotherSiteIsRefusedWhenThereIsNoOrigin() {
        Response r = api().admin("api/sync/cancel").header("Referer", "https://evil.example/page").post(null);
        assertThat(r.getStatus()).isEqualTo(403);
        assertThat(json(r).get("detail").asText()).contains("the Referer header");
    }

    @Test
    void aPostFromThisServersOwnPageIsAccepted() {
        assertThat(api().admin("api/sync/cancel").header("Origin", "http://localhost:9998").post(null).getStatus())
                .isEqualTo(409);
        assertThat(api().admin("api/sync/cancel").header("Origin", "HTTP://LOCALHOST:9998").post(null).getStatus())
                .isEqualTo(409);
        assertThat(api().admin("api/sync/cancel").header("Referer", "http://localhost:9998/sync?tab=1").post(null)
                .getStatus()).isEqualTo(409);
    }

    @Test
    void aPostWithoutOriginOrRefererComesFromANonBrowserClientAndIsAccepted() {
        assertThat(api().admin("api/sync/cancel").post(null).getStatus()).isEqualTo(409);
    }

    @Test
    void readsFromAnotherSiteAreNotRefusedByCsrfButStillNeedTheAdmin() {
        assertThat(api().admin("api/sync/status").header("Origin", "https://evil.example").get().getStatus())
                .isEqualTo(200);
        assertThat(api().target("api/sync/status").request().header("Origin", "https://evil.example").get()
                .getStatus()).isEqualTo(401);
    }

    @Test
    void csrfAlsoGuardsPostsOfComponentsMountedThroughTheFeature() {
        assertThat(api().target("directory").request().header("Origin", "https://evil.example").post(null)
                .getStatus()).isEqualTo(403);
    }

    @Test
    void theConfiguredPublicBaseUrlIsAcceptedAsOrigin() {
        api = ApiHarness.builder().settings(s -> s.publicBaseUrl(URI.create("https://contacts.example.com/app/")))
                .build();
        assertThat(api.admin("api/sync/cancel").header("Origin", "https://contacts.example.com").post(null)
                .getStatus()).isEqualTo(409);
        assertThat(api.admin("api/sync/cancel").header("Origin", "https://contacts.example.com:8443").post(null)
                .getStatus()).isEqualTo(403);
    }

    @Test
    void xForwardedHostCountsOnlyWhenTrusted() {
        assertThat(api().admin("api/sync/cancel").header("X-Forwarded-Host", "evil.example")
                .header("Origin", "https://evil.example").post(null).getStatus()).isEqualTo(403);
        api.close();
        api = ApiHarness.builder().settings(s -> s.trustProxy(true)).build();
        assertThat(api.admin("api/sync/cancel").header("X-Forwarded-Host", "contacts.example.com")
                .header("X-Forwarded-Proto", "https").header("Origin", "https://contacts.example.com").post(null)
                .getStatus()).isEqualTo(409);
    }
}
