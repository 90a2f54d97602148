package org.dirstore.tools;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;

/** Parses durations such as {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d} or ISO-8601 {@code PT30S}. */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("p")) {
            return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
        }
        if (v.length() < 2) {
            throw new IllegalArgumentException("bad duration '" + value + "' (e.g. 30s, 5m, 2h, 7d)");
        }
        long n;
        try {
            n = Long.parseLong(v.substring(0, v.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad duration '" + value + "' (e.g. 30s, 5m, 2h, 7d)", e);
        }
        return switch (v.charAt(v.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("bad duration '" + value + "' (e.g. 30s, 5m, 2h, 7d)");
        };
    }
}
