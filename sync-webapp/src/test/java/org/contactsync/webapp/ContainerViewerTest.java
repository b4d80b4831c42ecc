package org.contactsync.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import org.eclipse.jetty.ee10.servlet.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.util.security.Password;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code contactsync.auth=container}: the server signs people in (here Jetty's own Basic login) and its roles say
 * who may do what: {@code contactsync-viewer} looks, {@code contactsync-admin} changes, anyone else is refused.
 */
class ContainerViewerTest {
    @TempDir
    static Path dataDir;

    static EmbeddedApp app;

    @BeforeAll
    static void start() throws Exception {
        app = EmbeddedApp.start(dataDir, Map.of("contactsync.auth", "container"), b -> b, context -> {
            UserStore users = new UserStore();
            users.addUser("carol", new Password("carol-pw"), new String[] {"staff", "contactsync-viewer"});
            users.addUser("adam", new Password("adam-pw"), new String[] {"contactsync-admin"});
            users.addUser("dave", new Password("dave-pw"), new String[] {"staff"});
            HashLoginService login = new HashLoginService("ContactSync");
            login.setUserStore(users);
            ConstraintSecurityHandler security = new ConstraintSecurityHandler();
            security.setLoginService(login);
            security.setAuthenticator(new BasicAuthenticator());
            context.setSecurityHandler(security);
        });
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> send(String method, String path, String user) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-pw")
                .getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(app.uri(path)).header("Authorization", auth)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aUserInTheViewerRoleSeesThePageReadOnlyAndIsRefusedChanges() throws Exception {
        HttpResponse<String> page = send("GET", "/", "carol");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"read-only-notice\"").contains("You are signed in as carol, a viewer");
        assertThat(send("GET", "/api/sync/timeline", "carol").statusCode()).isEqualTo(200);

        HttpResponse<String> trigger = send("POST", "/api/sync/trigger", "carol");
        assertThat(trigger.statusCode()).isEqualTo(403);
        assertThat(trigger.body()).contains("You are signed in as a viewer");
        assertThat(app.application().manager().history(1, 0).total()).isZero();
    }

    @Test
    void aUserInTheAdminRoleChangesThingsAndAUserWithNeitherRoleIsRefused() throws Exception {
        assertThat(send("GET", "/", "adam").body()).doesNotContain("read-only-notice");
        assertThat(send("POST", "/api/sync/cancel", "adam").statusCode()).as("no run to cancel").isEqualTo(409);

        HttpResponse<String> dave = send("GET", "/api/sync/status", "dave");
        assertThat(dave.statusCode()).isEqualTo(403);
        assertThat(dave.body()).contains("contactsync-viewer");
    }
}
