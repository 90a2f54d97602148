package org.dirstore.check;

import java.util.List;

/**
 * What {@link StoreCheck} found. {@link #ok()} is true when there are no problems; warnings name
 * things worth knowing that do not make the store wrong.
 */
public record CheckReport(long tid, long transactions, long revisions, long liveObjects, List<String> problems,
                          List<String> warnings) {
    public CheckReport {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** A human-readable report, one finding per line. */
    public String format() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("checked up to tid %016x: %d transactions, %d revisions, %d live objects%n", tid,
                transactions, revisions, liveObjects));
        problems.forEach(p -> b.append("PROBLEM ").append(p).append('\n'));
        warnings.forEach(w -> b.append("warning ").append(w).append('\n'));
        b.append(ok() ? "OK\n" : problems.size() + " problem(s)\n");
        return b.toString();
    }
}
