package org.contactsync.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.contactsync.google.GoogleSettings;
import org.contactsync.google.GoogleTokenStore;
import org.contactsync.google.StoredGoogleToken;
import org.contactsync.google.TokenCipher;
import org.contactsync.testkit.google.PeopleApiEmulator;

/** The benchmark's handle on an {@link EmulatorProcess} child JVM on 127.0.0.1. */
final class RemoteEmulator implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final URI root;

    private RemoteEmulator(Process process) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
        String ready = out.readLine();
        if (ready == null || !ready.startsWith("READY ")) {
            process.destroyForcibly();
            throw new IllegalStateException("the emulator process did not start (said: " + ready + ")");
        }
        this.root = URI.create(ready.substring(6).strip());
    }

    /**
     * Starts the emulator in a child JVM with this JVM's class path (and its own default heap). Its HTTP server
     * (the JDK's) sends with TCP_NODELAY: without it a small answer waited for the client's delayed ACK, about
     * 40 ms a request on loopback (measured: an incremental sync of 10 edits, three requests, took 150 ms, nearly
     * all of it waiting for the emulator), which no real server adds.
     */
    static RemoteEmulator start() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx2g", "-XX:+UseParallelGC",
                "-Dsun.net.httpserver.nodelay=true", "-cp",
                System.getProperty("java.class.path"), EmulatorProcess.class.getName()));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            return new RemoteEmulator(p);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the emulator process", e);
        }
    }

    URI rootUrl() {
        return root;
    }

    void generate(int people) {
        command("generate " + people);
    }

    void edit(int people) {
        command("edit " + people);
    }

    /** Each page of contacts is answered after {@code millis} from now on. */
    void pageLatency(long millis) {
        command("latency " + millis);
    }

    /** The emulator process's CPU time so far, in nanoseconds. */
    long cpuNanos() {
        return Long.parseLong(command("cpu").substring(3).strip());
    }

    /**
     * Settings for the real Google client against this emulator: its client, a fresh token key, and production
     * timeouts and page size.
     */
    GoogleSettings.Builder settings() {
        return GoogleSettings.builder()
                .clientId(PeopleApiEmulator.CLIENT_ID)
                .clientSecret(PeopleApiEmulator.CLIENT_SECRET)
                .tokenKey(TokenCipher.generateBase64Key())
                .apiRootUrl(root)
                .tokenUrl(root.resolve("token"))
                .authUrl(root.resolve("o/oauth2/auth"));
    }

    /** Stores the emulator's refresh token, encrypted, as a finished OAuth callback would. */
    void connect(GoogleTokenStore store, GoogleSettings settings) {
        String encrypted = TokenCipher.fromBase64Key(settings.tokenKey()).encrypt(PeopleApiEmulator.REFRESH_TOKEN);
        store.save(new StoredGoogleToken(encrypted, "owner@example.com", Instant.now()));
    }

    private String command(String line) {
        in.println(line);
        try {
            String answer = out.readLine();
            if (answer == null || !answer.startsWith("OK")) {
                throw new IllegalStateException("emulator refused '" + line + "': " + answer);
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException("emulator process did not answer '" + line + "'", e);
        }
    }

    @Override
    public void close() {
        in.println("quit");
        in.close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
