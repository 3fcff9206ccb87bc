package org.zinfer.scoring.evaluation;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A plain line chart drawn with Java2D and saved as PNG: axes with ticks, one coloured line per series, a legend. */
public final class LineChart {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 560;
    private static final int LEFT = 70;
    private static final int RIGHT = 190;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;
    private static final Color[] PALETTE = {
            new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
            new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final double[] xRange;
    private final double[] yRange;
    private final List<Series> series = new ArrayList<>();
    private boolean diagonal;

    private record Series(String name, double[][] points, boolean dashed) {
    }

    public LineChart(String title, String xLabel, String yLabel, double[] xRange, double[] yRange) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.xRange = xRange;
        this.yRange = yRange;
    }

    public LineChart add(String name, double[][] points) {
        series.add(new Series(name, points, false));
        return this;
    }

    public LineChart addDashed(String name, double[][] points) {
        series.add(new Series(name, points, true));
        return this;
    }

    /** Draws the line y = x (chance on a ROC plot). */
    public LineChart withDiagonal() {
        diagonal = true;
        return this;
    }

    public void write(Path png) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        axes(g);
        if (diagonal) {
            g.setColor(Color.LIGHT_GRAY);
            g.setStroke(dashes());
            g.drawLine(x(xRange[0]), y(yRange[0]), x(xRange[1]), y(yRange[1]));
        }
        for (int s = 0; s < series.size(); s++) {
            draw(g, series.get(s), PALETTE[s % PALETTE.length], s);
        }
        g.dispose();
        try {
            ImageIO.write(image, "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
    }

    private void axes(Graphics2D g) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, LEFT, TOP - 15);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawRect(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
        for (int i = 0; i <= 5; i++) {
            double xv = xRange[0] + (xRange[1] - xRange[0]) * i / 5;
            double yv = yRange[0] + (yRange[1] - yRange[0]) * i / 5;
            g.drawLine(x(xv), HEIGHT - BOTTOM, x(xv), HEIGHT - BOTTOM + 5);
            g.drawString(tick(xv), x(xv) - 12, HEIGHT - BOTTOM + 20);
            g.drawLine(LEFT - 5, y(yv), LEFT, y(yv));
            g.drawString(tick(yv), LEFT - 45, y(yv) + 4);
        }
        g.drawString(xLabel, LEFT + (WIDTH - LEFT - RIGHT) / 2 - 40, HEIGHT - 20);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString(yLabel, -(TOP + (HEIGHT - TOP - BOTTOM) / 2) - 40, 18);
        rotated.dispose();
    }

    private void draw(Graphics2D g, Series s, Color color, int index) {
        g.setColor(color);
        g.setStroke(s.dashed() ? dashes() : new BasicStroke(1.8f));
        for (int i = 1; i < s.points().length; i++) {
            g.drawLine(x(s.points()[i - 1][0]), y(s.points()[i - 1][1]), x(s.points()[i][0]), y(s.points()[i][1]));
        }
        if (s.points().length == 1) {
            g.fillOval(x(s.points()[0][0]) - 3, y(s.points()[0][1]) - 3, 6, 6);
        }
        int row = TOP + 10 + index * 16;
        if (row < HEIGHT - BOTTOM) {
            g.drawLine(WIDTH - RIGHT + 12, row - 4, WIDTH - RIGHT + 32, row - 4);
            g.setColor(Color.BLACK);
            g.drawString(s.name(), WIDTH - RIGHT + 38, row);
        }
    }

    private static BasicStroke dashes() {
        return new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
    }

    private int x(double value) {
        return LEFT + (int) Math.round((value - xRange[0]) / (xRange[1] - xRange[0]) * (WIDTH - LEFT - RIGHT));
    }

    private int y(double value) {
        return HEIGHT - BOTTOM - (int) Math.round((value - yRange[0]) / (yRange[1] - yRange[0]) * (HEIGHT - TOP - BOTTOM));
    }

    private static String tick(double value) {
        return Math.abs(value - Math.rint(value)) < 1e-9 ? String.valueOf((long) Math.rint(value)) : String.format(Locale.ROOT, "%.2f", value);
    }
}
