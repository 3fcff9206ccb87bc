package org.zinfer.formats.track;

/**
 * One colour per factor, the same for the same place in the list: hues a golden angle apart, so neighbours differ
 * most. Computed as java.awt.Color.HSBtoRGB does, without java.desktop (the GPU machine's runtime leaves it out).
 */
public final class TrackColors {
    private TrackColors() {
    }

    /** The colour of factor number i as "r,g,b". */
    public static String of(int i) {
        float hue = (float) ((i * 0.6180339887498949) % 1.0);
        float[] rgb = hsbToRgb(hue, i % 2 == 0 ? 0.75f : 0.55f, i % 3 == 0 ? 0.70f : 0.85f);
        return channel(rgb[0]) + "," + channel(rgb[1]) + "," + channel(rgb[2]);
    }

    private static int channel(float value) {
        return (int) (value * 255.0f + 0.5f);
    }

    /** Saturation above zero: the sextant of the hue decides which channel rises, falls or stays. */
    private static float[] hsbToRgb(float hue, float saturation, float brightness) {
        float h = (hue - (float) Math.floor(hue)) * 6.0f;
        float f = h - (float) Math.floor(h);
        float p = brightness * (1.0f - saturation);
        float q = brightness * (1.0f - saturation * f);
        float t = brightness * (1.0f - (saturation * (1.0f - f)));
        return switch ((int) h) {
            case 0 -> new float[] {brightness, t, p};
            case 1 -> new float[] {q, brightness, p};
            case 2 -> new float[] {p, brightness, t};
            case 3 -> new float[] {p, q, brightness};
            case 4 -> new float[] {t, p, brightness};
            default -> new float[] {brightness, p, q};
        };
    }
}
