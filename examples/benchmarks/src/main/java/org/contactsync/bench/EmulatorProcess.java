package org.contactsync.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.contactsync.testkit.google.PeopleApiEmulator;

/**
 * Runs the People API emulator in a JVM of its own, so that the benchmark's heap numbers are the sync's alone and
 * the 100k-contact address book does not count against the sync's {@code -Xmx}. Speaks a line protocol on
 * stdin/stdout: it prints {@code READY <root-url>}, then answers {@code generate N}, {@code edit N},
 * {@code latency MS} (each page answered after MS milliseconds), {@code count} and {@code cpu} (its process CPU time in ns) with {@code OK ...}; {@code quit} or the end of stdin
 * stops it.
 */
public final class EmulatorProcess {
    private EmulatorProcess() {
    }

    public static void main(String[] args) throws Exception {
        try (PeopleApiEmulator google = PeopleApiEmulator.start();
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            System.out.println("READY " + google.rootUrl());
            System.out.flush();
            int edits = 0;
            String line;
            while ((line = in.readLine()) != null) {
                String[] cmd = line.strip().split("\\s+");
                switch (cmd[0]) {
                    case "generate" -> {
                        google.generatePeople(Integer.parseInt(cmd[1]));
                        System.out.println("OK " + google.livePeopleCount());
                    }
                    case "edit" -> {
                        // Spread the edits over the address book, a different person each time.
                        List<String> names = google.liveResourceNames();
                        int n = Integer.parseInt(cmd[1]);
                        for (int i = 0; i < n; i++) {
                            String name = names.get((int) ((long) (edits++) * 7919 % names.size()));
                            int round = edits;
                            google.editPerson(name, p -> p.organization("Edited " + round));
                        }
                        System.out.println("OK " + n);
                    }
                    case "latency" -> {
                        google.pageLatency(java.time.Duration.ofMillis(Long.parseLong(cmd[1])));
                        System.out.println("OK " + cmd[1]);
                    }
                    case "count" -> System.out.println("OK " + google.livePeopleCount());
                    case "cpu" -> System.out.println("OK " + BenchMain.processCpuNanos());
                    case "quit" -> {
                        System.out.println("OK bye");
                        return;
                    }
                    default -> System.out.println("ERR unknown command " + cmd[0]);
                }
                System.out.flush();
            }
        }
    }
}
