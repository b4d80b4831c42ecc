package org.contactsync.directory.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Only that the benchmark runs and measures every scenario; its numbers are not judged here. */
class DirectoryRenderBenchmarkTest {

    @Test
    void benchmarkRunsEveryScenarioOnASmallStore() {
        List<DirectoryRenderBenchmark.Result> results = DirectoryRenderBenchmark.run(200, 0.03);

        assertThat(results).extracting(DirectoryRenderBenchmark.Result::scenario).containsExactly(
                "snapshot of all contacts", "main menu", "group page (cycling groups/pages)",
                "contact page (cycling contacts)", "search by name (scans all)", "search by number (scans all)");
        assertThat(results).allSatisfy(r -> {
            assertThat(r.operations()).isPositive();
            assertThat(r.chars()).isPositive();
        });
    }
}
