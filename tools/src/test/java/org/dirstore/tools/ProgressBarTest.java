package org.dirstore.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void rendersBytesFilesAndRate() {
        ProgressBar bar = new ProgressBar(new PrintWriter(new StringWriter()), "backup", true);
        assertEquals("backup   [###############---------------]  50% 5.0 MiB / 10.0 MiB  3/7 files  2.5 MiB/s",
                bar.render(5 << 20, 10 << 20, 3, 7, 2.0));
        assertEquals("backup   [##############################] 100% 0 B / 0 B  0/0 files  0 B/s",
                bar.render(0, 0, 0, 0, 0));
    }

    @Test
    void drawsInPlaceAndEndsTheLine() {
        StringWriter text = new StringWriter();
        try (ProgressBar bar = new ProgressBar(new PrintWriter(text), "verify", true)) {
            bar.progress(1, 2, 0, 1);
            bar.progress(2, 2, 1, 1);
        }
        String s = text.toString();
        assertEquals(2, s.chars().filter(c -> c == '\r').count(), s);
        assertEquals('\n', s.charAt(s.length() - 1));
    }

    @Test
    void disabledBarPrintsNothing() {
        StringWriter text = new StringWriter();
        try (ProgressBar bar = new ProgressBar(new PrintWriter(text), "verify", false)) {
            bar.progress(1, 2, 0, 1);
        }
        assertEquals("", text.toString());
    }

    @Test
    void durations() {
        DurationConverter c = new DurationConverter();
        assertEquals(Duration.ofSeconds(30), c.convert("30s"));
        assertEquals(Duration.ofMinutes(5), c.convert("5m"));
        assertEquals(Duration.ofDays(7), c.convert("7d"));
        assertEquals(Duration.ofSeconds(90), c.convert("PT90S"));
        assertThrows(IllegalArgumentException.class, () -> c.convert("soon"));
    }
}
