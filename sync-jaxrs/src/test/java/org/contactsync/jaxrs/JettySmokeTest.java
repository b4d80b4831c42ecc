package org.contactsync.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.contactsync.jaxrs.testkit.ApiHarness;
import org.contactsync.jaxrs.testkit.BasicAuth;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.contactsync.testkit.TestContacts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The feature in a real container (Jetty on 127.0.0.1), spoken to over real HTTP next to a host's own resource. */
class JettySmokeTest {
    private static final String ADMIN = BasicAuth.header(ApiHarness.ADMIN_USER, ApiHarness.ADMIN_PASSWORD);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ApiHarness api;
    private ScriptedSyncEngine engine;

    /** The host application's own resource. */
    @Path("hello")
    public static final class HostResource {
        @GET
        public String hello() {
            return "hello from the host";
        }
    }

    @BeforeEach
    void start() {
        engine = new ScriptedSyncEngine().put(TestContacts.people(3));
        api = ApiHarness.builder().engine(engine).jetty().hostComponent(HostResource.class).build();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(api.baseUri().resolve(path));
    }

    @Test
    void theApiAnswersJsonOverHttpAndTheHostsResourceStillWorks() throws Exception {
        HttpResponse<String> status = send(request("api/sync/status").header("Authorization", ADMIN));
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));
        assertThat(ApiHarness.json(status.body()).get("status").asText()).isEqualTo("idle");

        assertThat(send(request("hello")).body()).isEqualTo("hello from the host");
    }

    @Test
    void withoutCredentialsTheApiAnswers401WithABasicChallenge() throws Exception {
        HttpResponse<String> r = send(request("api/contacts"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).startsWith("Basic realm=\"ContactSync\""));
        assertThat(ApiHarness.json(r.body()).get("detail").asText()).isNotBlank();
    }

    @Test
    void unknownApiPathsAndWrongMethodsAnswerJsonOverHttp() throws Exception {
        HttpResponse<String> missing = send(request("api/sync/nope").header("Authorization", ADMIN));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(ApiHarness.json(missing.body()).get("detail").asText()).startsWith("Not found: /api/sync/nope");

        HttpResponse<String> wrong = send(request("api/sync/trigger").header("Authorization", ADMIN));
        assertThat(wrong.statusCode()).isEqualTo(405);
        assertThat(ApiHarness.json(wrong.body()).get("detail").asText()).contains("use POST");
    }

    @Test
    void fiftyParallelTriggersStartExactlyOneRunAndTheRestAnswer409() throws Exception {
        ScriptedSyncEngine.Gate gate = engine.blockNextRun(1);
        int callers = 50;
        CyclicBarrier together = new CyclicBarrier(callers);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                answers.add(pool.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return send(request("api/sync/trigger?force_full=true").header("Authorization", ADMIN)
                            .POST(HttpRequest.BodyPublishers.noBody()));
                }));
            }
            List<JsonNode> started = new ArrayList<>();
            List<JsonNode> refused = new ArrayList<>();
            for (Future<HttpResponse<String>> f : answers) {
                HttpResponse<String> r = f.get(30, TimeUnit.SECONDS);
                assertThat(r.statusCode()).isIn(200, 409);
                (r.statusCode() == 200 ? started : refused).add(ApiHarness.json(r.body()));
            }
            assertThat(started).hasSize(1);
            assertThat(refused).hasSize(callers - 1);
            long runId = started.get(0).get("run_id").asLong();
            assertThat(refused).allSatisfy(body -> {
                assertThat(body.get("detail").asText()).isEqualTo("Sync already running");
                assertThat(body.get("run_id").asLong()).isEqualTo(runId);
            });
        } finally {
            gate.release();
            pool.shutdownNow();
        }
        assertThat(api.manager().history(100, 0).total()).isEqualTo(1);
    }

    @Test
    void aCrossSitePostIsRefusedOverHttpAndASameSiteOneAccepted() throws Exception {
        HttpResponse<String> evil = send(request("api/sync/trigger").header("Authorization", ADMIN)
                .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(evil.statusCode()).isEqualTo(403);
        assertThat(api.manager().status().run()).isNull();

        URI base = api.baseUri();
        String ownOrigin = base.getScheme() + "://" + base.getHost() + ":" + base.getPort();
        HttpResponse<String> own = send(request("api/sync/trigger").header("Authorization", ADMIN)
                .header("Origin", ownOrigin).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(own.statusCode()).isEqualTo(200);
    }
}
