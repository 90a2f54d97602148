package org.dirstore.bench.report;

import java.util.List;

/**
 * What one scenario contributes to the report: its title, its Markdown body (tables, plots and the
 * reading) and how the issue-5 targets it covers came out.
 */
public record Section(String title, String markdown, List<TargetCheck> targets) {
    public Section {
        targets = List.copyOf(targets);
    }
}
