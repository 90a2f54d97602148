package org.dirstore.bench.util;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Medians over repeated runs. */
public final class Medians {
    private Medians() {
    }

    public static double of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    public static <T> double of(List<T> runs, ToDoubleFunction<T> metric) {
        return of(runs.stream().mapToDouble(metric).toArray());
    }
}
