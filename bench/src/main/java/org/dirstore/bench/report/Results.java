package org.dirstore.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Every number the harness measured, as rows of a CSV file next to the report. Thread-safe. */
public final class Results {
    private final List<Row> rows = new ArrayList<>();

    public synchronized void add(String scenario, String subject, String config, String metric, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("not a number: " + scenario + "/" + subject + "/" + config + "/" + metric);
        }
        rows.add(new Row(scenario, subject, config, metric, value));
    }

    public synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    public synchronized void writeCsv(Path file) throws IOException {
        StringBuilder b = new StringBuilder("scenario,subject,config,metric,value\n");
        for (Row r : rows) {
            b.append(r.scenario()).append(',').append(r.subject()).append(',').append(r.config()).append(',')
                    .append(r.metric()).append(',').append(String.format(Locale.ROOT, "%.6g", r.value())).append('\n');
        }
        Files.writeString(file, b);
    }

    /** One measured number. */
    public record Row(String scenario, String subject, String config, String metric, double value) {
    }
}
