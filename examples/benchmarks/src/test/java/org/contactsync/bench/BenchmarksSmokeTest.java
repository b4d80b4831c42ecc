package org.contactsync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proves the benchmark code works, at sizes too small to mean anything; the numbers come from bench.sh. */
class BenchmarksSmokeTest {
    @TempDir
    Path work;

    @Test
    void syncAndLiveProgressBenchmarksRunAtATinySizeAndReportTheirTables() throws Exception {
        String report = BenchMain.run(BenchMain.options(new String[] {
                "--sizes", "150", "--db", "derby", "--changes", "3", "--incremental-runs", "2", "--warmup", "0",
                "--only", "pipeline,full,write,sse", "--latencies", "0,20", "--repeats", "2",
                "--sse-steps", "4",
                "--work-dir", work.toString()}, BenchMain.DEFAULTS));

        assertThat(report)
                .contains("### Full sync beside reading alone")
                // the median run's ratio, both runs' ratios, the target, the writer thread's CPU and its ratio to reading
                .containsPattern("\\| Derby \\(embedded, file\\) \\| 150 \\| 0 ms \\| [\\d,]+ ms \\| [\\d,]+ ms \\| "
                        + "[\\d.]+ \\| [\\d.]+, [\\d.]+ \\| ≤ 2.0 × read: (met|MISSED) \\| [\\d,]+ ms \\| [\\d.]+ \\| .* "
                        + "\\| completed, 150 added \\|")
                .containsPattern("\\| Derby \\(embedded, file\\) \\| 150 \\| 20 ms \\| [\\d,]+ ms \\| [\\d,]+ ms \\| "
                        + "[\\d.]+ \\| [\\d.]+, [\\d.]+ \\| ≤ 1.1 × read: (met|MISSED) \\| .* \\| completed, 150 added \\|")
                .contains("### Full sync")
                .containsPattern("\\| Derby \\(embedded, file\\) \\| 150 \\| [\\d,]+ ms \\| [\\d,]+ \\| [\\d,]+ ms \\| "
                        + "[\\d,]+ ms \\| \\d+ MB \\| \\d+ MB \\| \\d+ \\(\\d+\\) \\| completed, 150 added \\|")
                .containsPattern("\\| Derby \\(embedded, file\\) \\| 150 \\| 3 \\| 2 \\| \\d+ ms \\| \\d+ ms \\| \\d+ ms "
                        + "\\| \\d+ ms \\| each updated 3 \\|")
                .contains("### Core and database only")
                .containsPattern("\\| Derby \\(embedded, file\\) \\| 150 \\| [\\d,]+ ms \\| .* \\| completed, 150 added \\|  \\|")
                .contains("### Live progress latency")
                .containsPattern("\\| 150 ms \\| 4 \\| 4 \\| [\\d.]+ ms \\|")
                .containsPattern("\\| 10 ms \\| 4 \\| 4 \\| [\\d.]+ ms \\|");
    }

    @Test
    void directoryServerServesEachPageAndTheSameXmlAsAStaticFile() throws Exception {
        try (DirectoryBenchServer.Running server = DirectoryBenchServer.start(300, 0, work)) {
            Map<String, String> urls = server.urls();
            assertThat(urls).containsOnlyKeys("MENU", "GROUP", "CONTACT", "SEARCH", "KEYPAD", "PHONEBOOK", "LOOKUP",
                    "STATIC_MENU", "STATIC_GROUP", "STATIC_CONTACT", "STATIC_SEARCH", "STATIC_KEYPAD",
                    "STATIC_PHONEBOOK", "STATIC_LOOKUP", "STATIC_CSS");
            assertThat(urls.values()).allMatch(u -> u.startsWith("http://127.0.0.1:"));
            for (String page : new String[] {"MENU", "GROUP", "CONTACT", "SEARCH", "KEYPAD", "PHONEBOOK", "LOOKUP"}) {
                String dynamic = DirectoryBenchServer.fetch(urls.get(page));
                if (!page.equals("LOOKUP")) {
                    assertThat(dynamic).startsWith("<?xml");
                }
                assertThat(DirectoryBenchServer.fetch(urls.get("STATIC_" + page))).isEqualTo(dynamic);
            }
            assertThat(DirectoryBenchServer.fetch(urls.get("STATIC_CSS"))).hasSize(10 * 1024);
            assertThat(urls.get("GROUP")).contains("/directory/groups/");
            assertThat(urls.get("CONTACT")).contains("/directory/contacts/");
            assertThat(DirectoryBenchServer.fetch(urls.get("LOOKUP"))).isNotBlank();
            assertThat(LookupLatencyBenchmark.run(300, 2000)).contains("| caller-ID look-up |");
        }
    }
}
