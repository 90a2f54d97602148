package org.dirstore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.dirstore.bench.peer.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every scenario of the harness for a fraction of a second against every peer (smoke mode),
 * so the harness cannot rot; checks the report and the CSV are well-formed and every number is
 * positive. It asserts nothing about speed.
 */
class BenchSmokeTest {
    @TempDir
    Path tmp;

    @Test
    void everyScenarioRunsAgainstEveryPeerAndReportsPositiveNumbers() throws Exception {
        Path out = tmp.resolve("out");
        Path report = BenchMain.run(new BenchMain.Options(Mode.smoke(), out, tmp.resolve("work"), List.of()));

        String md = Files.readString(report);
        for (String title : List.of("## 1. Durable commit", "## 2. Sustained load", "## 3. Full and incremental backup",
                "## 4. Commits while a backup runs", "## 5. Opening a store", "## Targets of issue 5", "## Machine")) {
            assertTrue(md.contains(title), "report lacks " + title);
        }
        assertFalse(md.contains("NaN") || md.contains("Infinity"), "report holds a NaN or infinite number");
        for (String png : List.of("bench-commit-100b.png", "bench-backlog.png", "bench-sustained-rate.png")) {
            assertTrue(Files.size(out.resolve(png)) > 1000, png + " is missing or empty");
        }

        List<String> csv = Files.readAllLines(out.resolve("bench-results.csv"));
        assertEquals("scenario,subject,config,metric,value", csv.get(0));
        for (String row : csv.subList(1, csv.size())) {
            String[] f = row.split(",");
            assertEquals(5, f.length, row);
            assertTrue(Double.parseDouble(f[4]) > 0, "not positive: " + row);
        }
        Set<String> scenarios = csv.stream().skip(1).map(r -> r.split(",")[0]).collect(Collectors.toSet());
        assertEquals(Set.of("commit", "sustained", "backup", "backup_load", "open"), scenarios);
        Set<String> commitPeers = csv.stream().skip(1).filter(r -> r.startsWith("commit,"))
                .map(r -> r.split(",")[1]).collect(Collectors.toSet());
        assertEquals(Peers.all().stream().map(p -> p.name()).collect(Collectors.toSet()), commitPeers);
    }
}
