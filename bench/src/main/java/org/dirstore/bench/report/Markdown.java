package org.dirstore.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A Markdown table and number formatting for the report. */
public final class Markdown {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public Markdown(String... header) {
        this.header = List.of(header);
    }

    public Markdown row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(String.valueOf(c));
        }
        if (r.size() != header.size()) {
            throw new IllegalArgumentException("row of " + r.size() + " cells in a table of " + header.size());
        }
        rows.add(r);
        return this;
    }

    public String render() {
        StringBuilder b = new StringBuilder();
        b.append("| ").append(String.join(" | ", header)).append(" |\n|");
        b.append("---|".repeat(header.size())).append('\n');
        for (List<String> r : rows) {
            b.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return b.toString();
    }

    /** A number with thousands separators and no decimals. */
    public static String count(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    /** A number with {@code decimals} decimals. */
    public static String num(double v, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    /** A ratio such as {@code 1.23x}. */
    public static String ratio(double v) {
        return String.format(Locale.ROOT, "%.2fx", v);
    }

    /** Milliseconds with a precision that suits their size. */
    public static String ms(double v) {
        return v < 10 ? num(v, 2) : num(v, 1);
    }

    /** Bytes as MiB. */
    public static String mib(double bytes) {
        return num(bytes / (1 << 20), 1) + " MiB";
    }
}
