package org.dirstore.bench.scenario;

import java.util.List;
import org.dirstore.bench.util.Medians;

/**
 * Medians over the runs of one peer at one (threads, size) point.
 *
 * @param commitsPerSecond median throughput
 * @param p50Ms            median of the runs' median latencies
 * @param p99Ms            median of the runs' 99th percentiles
 * @param commitsPerForce  median commits per fsync, or -1 if the peer does not count fsyncs
 * @param minRate          slowest run's throughput
 * @param maxRate          fastest run's throughput
 */
record CommitCell(double commitsPerSecond, double p50Ms, double p99Ms, double commitsPerForce, double minRate,
                  double maxRate) {
    static CommitCell of(List<CommitRun> runs) {
        double cpf = runs.stream().allMatch(r -> r.commitsPerForce() > 0)
                ? Medians.of(runs, CommitRun::commitsPerForce) : -1;
        return new CommitCell(Medians.of(runs, r -> r.window().commitsPerSecond()),
                Medians.of(runs, r -> r.window().p50Ms()), Medians.of(runs, r -> r.window().p99Ms()), cpf,
                runs.stream().mapToDouble(r -> r.window().commitsPerSecond()).min().orElseThrow(),
                runs.stream().mapToDouble(r -> r.window().commitsPerSecond()).max().orElseThrow());
    }

    /** One measured window and the commits per fsync inside it. */
    record CommitRun(LoadRunner.Window window, double commitsPerForce) {
    }
}
