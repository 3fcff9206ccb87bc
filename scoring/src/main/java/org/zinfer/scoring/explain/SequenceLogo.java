package org.zinfer.scoring.explain;

import org.zinfer.formats.encoding.OneHot;
import org.zinfer.formats.io.AtomicOutput;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;

/**
 * A sequence logo drawn with Java2D and saved as PNG: at each position the letters A, C, G, T stretched to their
 * heights, positive ones stacked upwards from the axis and negative ones downwards, the tallest farthest out.
 * Contributions give one letter per position (the base present, its contribution); a matrix gives four.
 */
public final class SequenceLogo {
    private static final Color[] COLOURS = {new Color(0x109648), new Color(0x255c99), new Color(0xf7b32b), new Color(0xd62839)};
    private static final int LEFT = 70;
    private static final int TOP = 40;
    private static final int BOTTOM = 40;
    private static final int HEIGHT = 300;
    private static final Shape[] GLYPHS = new Shape[OneHot.CHANNELS];

    static {
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, 100);
        FontRenderContext context = new FontRenderContext(null, true, true);
        for (int c = 0; c < OneHot.CHANNELS; c++) {
            GlyphVector glyph = font.createGlyphVector(context, String.valueOf(OneHot.ALPHABET.charAt(c)));
            GLYPHS[c] = glyph.getOutline();
        }
    }

    private SequenceLogo() {
    }

    /**
     * heights[position][channel]; title above (with the unit), the first position numbered firstPosition. Writes the
     * PNG under a temporary name and renames it into place.
     */
    public static void write(float[][] heights, String title, long firstPosition, Path png) {
        int width = Math.max(12, Math.min(40, 1600 / Math.max(1, heights.length)));
        double top = 0;
        double bottom = 0;
        for (float[] column : heights) {
            top = Math.max(top, sum(column, true));
            bottom = Math.min(bottom, -sum(column, false));
        }
        double range = Math.max(top - bottom, 1e-9);
        double scale = HEIGHT / range;
        int axis = TOP + (int) Math.round(top * scale);
        BufferedImage image = new BufferedImage(LEFT + heights.length * width + 20, TOP + HEIGHT + BOTTOM, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int p = 0; p < heights.length; p++) {
            drawColumn(g, heights[p], LEFT + p * width, width, axis, scale);
        }
        frame(g, title, top, bottom, axis, scale, heights.length, width, firstPosition);
        g.dispose();
        try (AtomicOutput output = new AtomicOutput(png)) {
            ImageIO.write(image, "png", output.temporary().toFile());
            output.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
    }

    private static double sum(float[] column, boolean positive) {
        double total = 0;
        for (float h : column) {
            total += positive ? Math.max(h, 0) : Math.max(-h, 0);
        }
        return total;
    }

    private static void drawColumn(Graphics2D g, float[] column, int x, int width, int axis, double scale) {
        Integer[] order = {0, 1, 2, 3};
        Arrays.sort(order, Comparator.comparingDouble(c -> Math.abs(column[c])));
        double up = axis;
        double down = axis;
        for (int c : order) {
            double h = Math.abs(column[c]) * scale;
            if (h < 0.5) {
                continue;
            }
            if (column[c] > 0) {
                up -= h;
                drawLetter(g, c, x, up, width, h);
            } else {
                drawLetter(g, c, x, down, width, h);
                down += h;
            }
        }
    }

    private static void drawLetter(Graphics2D g, int channel, double x, double y, double width, double height) {
        Rectangle2D bounds = GLYPHS[channel].getBounds2D();
        AffineTransform place = new AffineTransform();
        place.translate(x, y);
        place.scale(width / bounds.getWidth(), height / bounds.getHeight());
        place.translate(-bounds.getX(), -bounds.getY());
        g.setColor(COLOURS[channel]);
        g.fill(place.createTransformedShape(GLYPHS[channel]));
    }

    private static void frame(Graphics2D g, String title, double top, double bottom, int axis, double scale,
                              int positions, int width, long firstPosition) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, LEFT, TOP - 15);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawLine(LEFT - 5, TOP, LEFT - 5, TOP + HEIGHT);
        g.drawLine(LEFT - 5, axis, LEFT + positions * width, axis);
        for (double value : bottom < 0 ? new double[] {top, 0, bottom} : new double[] {top, 0}) {
            int y = axis - (int) Math.round(value * scale);
            g.drawLine(LEFT - 9, y, LEFT - 5, y);
            g.drawString(String.format(Locale.ROOT, "%.2g", value), 5, y + 4);
        }
        int every = 1;
        while (every * width < 60) {
            every = every == 1 ? 5 : every * 2;
        }
        for (int p = 0; p < positions; p += every) {
            g.drawString(Long.toString(firstPosition + p), LEFT + p * width, TOP + HEIGHT + 25);
        }
    }
}
