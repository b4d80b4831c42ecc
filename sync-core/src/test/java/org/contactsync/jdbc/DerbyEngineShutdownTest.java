package org.contactsync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In a child JVM, because stopping the Derby engine would stop every other Derby test in this one. */
class DerbyEngineShutdownTest {

    @Test
    void closingWithEngineShutdownLeavesNoDerbyThreadAndNoDriverBehind(@TempDir Path dataDirectory) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dderby.stream.error.file=" + dataDirectory.resolve("derby.log"),
                DerbyEngineShutdownMain.class.getName(), dataDirectory.toString())
                .redirectErrorStream(true).start();
        byte[] out = child.getInputStream().readAllBytes();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(out, StandardCharsets.UTF_8);

        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).containsPattern("derby-threads-while-open=[1-9]")
                .contains("derby-threads-after-close=0")
                .contains("derby-driver-registered=false");
    }
}
