package org.contactsync.webapp.deploy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real server distribution (unpacked from its Maven artifact by the build) run as a separate JVM, on 127.0.0.1
 * and free ports, with a base directory of its own, so the built WAR is deployed the way an administrator would.
 */
abstract class ServerProcess implements AutoCloseable {
    final String name;
    final Path home;
    final Path base;
    final int httpPort;
    private Process process;

    ServerProcess(String name, Path home, Path base) {
        this.name = name;
        this.home = home;
        this.base = base;
        this.httpPort = freePort();
    }

    /** Copies the WAR so that it deploys at {@code /contactsync}. */
    abstract void deploy(Path war) throws IOException;

    /** Removes the WAR; the server undeploys it while it keeps running. */
    abstract void undeploy() throws IOException;

    abstract List<String> command();

    /** Stops the server cleanly (its own shutdown path, not a kill). */
    abstract void stop() throws Exception;

    void start(Map<String, String> environment) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command()).directory(base.toFile())
                .redirectErrorStream(true)
                .redirectOutput(base.resolve("console.log").toFile());
        pb.environment().putAll(environment);
        process = pb.start();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    boolean awaitExit(long seconds) throws InterruptedException {
        return process == null || process.waitFor(seconds, TimeUnit.SECONDS);
    }

    /** Everything the server and the application logged so far. */
    String logs() {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.walk(base)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".log") && Files.isRegularFile(p)).sorted().toList()) {
                sb.append("===== ").append(base.relativize(f)).append('\n')
                        .append(Files.readString(f, StandardCharsets.UTF_8)).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Apache Tomcat 10.1 / 11: CATALINA_HOME is the unpacked distribution, CATALINA_BASE our own directory. */
    static final class Tomcat extends ServerProcess {
        private final int shutdownPort = freePort();

        Tomcat(String name, Path home, Path base) throws IOException {
            super(name, home, base);
            copyTree(home.resolve("conf"), base.resolve("conf"));
            for (String dir : List.of("logs", "temp", "webapps", "work")) {
                Files.createDirectories(base.resolve(dir));
            }
            Path serverXml = base.resolve("conf/server.xml");
            String xml = Files.readString(serverXml)
                    .replace("<Server port=\"8005\"", "<Server port=\"" + shutdownPort + "\"")
                    .replace("<Connector port=\"8080\"", "<Connector address=\"127.0.0.1\" port=\"" + httpPort + "\"");
            if (!xml.contains(String.valueOf(httpPort)) || !xml.contains(String.valueOf(shutdownPort))) {
                throw new IllegalStateException("Unexpected server.xml in " + home);
            }
            Files.writeString(serverXml, xml);
        }

        @Override
        void deploy(Path war) throws IOException {
            Files.copy(war, base.resolve("webapps/contactsync.war"), StandardCopyOption.REPLACE_EXISTING);
        }

        /** A second copy of the WAR at /broken whose context parameters are wrong. */
        void deployBroken(Path war, String key, String value) throws IOException {
            Path dir = Files.createDirectories(base.resolve("conf/Catalina/localhost"));
            Path copy = Files.copy(war, base.resolve("broken.war"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(dir.resolve("broken.xml"), "<Context docBase=\"" + copy.toAbsolutePath() + "\">\n"
                    + "  <Parameter name=\"" + key + "\" value=\"" + value + "\" override=\"false\"/>\n</Context>\n");
        }

        @Override
        void undeploy() throws IOException {
            Files.delete(base.resolve("webapps/contactsync.war"));
        }

        @Override
        List<String> command() {
            List<String> cmd = new ArrayList<>(List.of(java(),
                    "-Dcatalina.home=" + home, "-Dcatalina.base=" + base,
                    "-Djava.io.tmpdir=" + base.resolve("temp"),
                    "-Djava.util.logging.config.file=" + base.resolve("conf/logging.properties"),
                    "-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager",
                    "-Xmx512m",
                    // As catalina.sh does: lets Tomcat's leak detection look at ThreadLocals and RMI targets.
                    "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.rmi/sun.rmi.transport=ALL-UNNAMED",
                    "-cp", home.resolve("bin/bootstrap.jar") + java.io.File.pathSeparator
                            + home.resolve("bin/tomcat-juli.jar"),
                    "org.apache.catalina.startup.Bootstrap", "start"));
            return cmd;
        }

        @Override
        void stop() throws Exception {
            try (Socket s = new Socket("127.0.0.1", shutdownPort); OutputStream out = s.getOutputStream()) {
                out.write("SHUTDOWN".getBytes(StandardCharsets.US_ASCII));
            }
        }
    }

    /** Eclipse Jetty 12 (ee10): jetty.home is the unpacked distribution, jetty.base our own directory. */
    static final class Jetty extends ServerProcess {
        Jetty(String name, Path home, Path base) throws IOException, InterruptedException {
            super(name, home, base);
            Files.createDirectories(base.resolve("webapps"));
            Files.createDirectories(base.resolve("tmp"));
            Process p = new ProcessBuilder(java(), "-jar", home.resolve("start.jar").toString(),
                    "--add-modules=server,http,ee10-deploy,console-capture")
                    .directory(base.toFile()).redirectErrorStream(true)
                    .redirectOutput(base.resolve("setup.log").toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("Could not create the Jetty base: " + Files.readString(base.resolve("setup.log")));
            }
        }

        @Override
        void deploy(Path war) throws IOException {
            Files.copy(war, base.resolve("webapps/contactsync.war"), StandardCopyOption.REPLACE_EXISTING);
        }

        @Override
        void undeploy() throws IOException {
            Files.delete(base.resolve("webapps/contactsync.war"));
        }

        @Override
        List<String> command() {
            return List.of(java(), "-Xmx512m", "-Djava.io.tmpdir=" + base.resolve("tmp"),
                    "-jar", home.resolve("start.jar").toString(),
                    "jetty.http.host=127.0.0.1", "jetty.http.port=" + httpPort, "jetty.deploy.scanInterval=1");
        }

        @Override
        void stop() throws Exception {
            // SIGTERM: Jetty's shutdown hook stops the server and its web applications in order.
            close();
        }
    }
}
