package org.contactsync.jaxrs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (0.0.4): every line must be a comment, a HELP/TYPE line
 * or a sample with a valid name, well-formed labels and a number, or parsing fails the test.
 */
final class PrometheusText {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)( \\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    record Sample(String name, Map<String, String> labels, double value) {
    }

    final List<Sample> samples = new ArrayList<>();
    final Map<String, String> types = new LinkedHashMap<>();

    static PrometheusText parse(String text) {
        PrometheusText p = new PrometheusText();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                assertThat(parts).as(line).hasSize(2);
                assertThat(parts[0]).as(line).matches(NAME);
                assertThat(parts[1]).as(line).isIn("counter", "gauge", "histogram", "summary", "untyped");
                p.types.put(parts[0], parts[1]);
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as("a sample line: %s", line).isTrue();
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null && !m.group(3).isEmpty()) {
                Matcher l = LABEL.matcher(m.group(3));
                int end = 0;
                while (l.find() && l.start() == end) {
                    labels.put(l.group(1), l.group(2));
                    end = l.end();
                }
                assertThat(end).as("well-formed labels: %s", line).isEqualTo(m.group(3).length());
            }
            p.samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4)
                    .replace("+Inf", "Infinity").replace("-Inf", "-Infinity"))));
        }
        return p;
    }

    /** The value of the one sample with this name and exactly these labels (as "k=v" pairs). */
    double value(String name, String... labels) {
        Map<String, String> want = new LinkedHashMap<>();
        for (String kv : labels) {
            int eq = kv.indexOf('=');
            want.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        List<Sample> found = samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(want)).toList();
        assertThat(found).as("sample %s%s", name, want).hasSize(1);
        return found.get(0).value();
    }

    boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }
}
