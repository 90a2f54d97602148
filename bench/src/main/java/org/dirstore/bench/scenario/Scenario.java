package org.dirstore.bench.scenario;

import org.dirstore.bench.BenchContext;
import org.dirstore.bench.report.Section;

/** One measurement of issue 5: runs against DirStore and its peers and describes the outcome. */
public interface Scenario {
    /** Short id used in the CSV and on the command line ({@code --only}). */
    String id();

    java.util.List<Section> run(BenchContext ctx) throws Exception;
}
