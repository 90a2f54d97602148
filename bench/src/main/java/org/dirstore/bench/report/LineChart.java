package org.dirstore.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** A plain line chart drawn with Java2D and written as PNG (no plotting tools needed). */
public final class LineChart {
    private static final int W = 900;
    private static final int H = 520;
    private static final int LEFT = 90;
    private static final int RIGHT = 200;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final Color[] COLORS = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
        new Color(0xff7f0e), new Color(0x8c564b)
    };

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logX;
    private final List<Series> series = new ArrayList<>();

    public LineChart(String title, String xLabel, String yLabel, boolean logX) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logX = logX;
    }

    public LineChart add(String name, double[] xs, double[] ys) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("series " + name + ": " + xs.length + " x and " + ys.length + " y");
        }
        series.add(new Series(name, xs.clone(), ys.clone()));
        return this;
    }

    /** Draws the chart into {@code file} (PNG). */
    public void write(Path file) throws IOException {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            draw(g);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
    }

    private void draw(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = 0;
        for (Series s : series) {
            for (int i = 0; i < s.xs.length; i++) {
                minX = Math.min(minX, fx(s.xs[i]));
                maxX = Math.max(maxX, fx(s.xs[i]));
                maxY = Math.max(maxY, s.ys[i]);
            }
        }
        if (minX == maxX) {
            maxX = minX + 1;
        }
        maxY = niceCeiling(maxY <= 0 ? 1 : maxY * 1.05);
        int pw = W - LEFT - RIGHT;
        int ph = H - TOP - BOTTOM;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawRect(LEFT, TOP, pw, ph);
        for (int i = 0; i <= 5; i++) {
            double v = maxY * i / 5;
            int y = TOP + ph - (int) (ph * i / 5.0);
            g.setColor(new Color(0xdddddd));
            g.drawLine(LEFT + 1, y, LEFT + pw - 1, y);
            g.setColor(Color.BLACK);
            String label = label(v);
            g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        for (double x : xTicks(minX, maxX)) {
            int px = LEFT + (int) (pw * (x - minX) / (maxX - minX));
            g.drawLine(px, TOP + ph, px, TOP + ph + 5);
            String label = label(logX ? Math.pow(2, x) : x);
            g.drawString(label, px - g.getFontMetrics().stringWidth(label) / 2, TOP + ph + 20);
        }
        g.drawString(xLabel, LEFT + pw / 2 - g.getFontMetrics().stringWidth(xLabel) / 2, H - 15);
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(TOP + ph / 2) - g.getFontMetrics().stringWidth(yLabel) / 2, 20);
        g.rotate(Math.PI / 2);
        g.setStroke(new BasicStroke(2f));
        for (int si = 0; si < series.size(); si++) {
            Series s = series.get(si);
            g.setColor(COLORS[si % COLORS.length]);
            int prevX = -1;
            int prevY = -1;
            for (int i = 0; i < s.xs.length; i++) {
                int px = LEFT + (int) (pw * (fx(s.xs[i]) - minX) / (maxX - minX));
                int py = TOP + ph - (int) (ph * s.ys[i] / maxY);
                if (s.xs.length <= 12) {
                    g.fillOval(px - 3, py - 3, 7, 7);
                }
                if (prevX >= 0) {
                    g.drawLine(prevX, prevY, px, py);
                }
                prevX = px;
                prevY = py;
            }
            int ly = TOP + 20 + si * 20;
            g.drawLine(W - RIGHT + 15, ly - 4, W - RIGHT + 40, ly - 4);
            g.setColor(Color.BLACK);
            g.drawString(s.name, W - RIGHT + 46, ly);
        }
    }

    private double fx(double x) {
        return logX ? Math.log(x) / Math.log(2) : x;
    }

    private List<Double> xTicks(double minX, double maxX) {
        List<Double> ticks = new ArrayList<>();
        if (logX) {
            for (double x = Math.floor(minX); x <= maxX + 1e-9; x++) {
                ticks.add(x);
            }
        } else {
            for (int i = 0; i <= 6; i++) {
                ticks.add(minX + (maxX - minX) * i / 6);
            }
        }
        return ticks;
    }

    private static double niceCeiling(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String label(double v) {
        if (Math.abs(v) >= 10_000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private record Series(String name, double[] xs, double[] ys) {
    }
}
