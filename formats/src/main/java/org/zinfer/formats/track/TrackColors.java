package org.zinfer.formats.track;

import java.awt.Color;

/** One colour per factor, the same for the same place in the list: hues a golden angle apart, so neighbours differ most. */
public final class TrackColors {
    private TrackColors() {
    }

    /** The colour of factor number i as "r,g,b". */
    public static String of(int i) {
        float hue = (float) ((i * 0.6180339887498949) % 1.0);
        Color color = Color.getHSBColor(hue, i % 2 == 0 ? 0.75f : 0.55f, i % 3 == 0 ? 0.70f : 0.85f);
        return color.getRed() + "," + color.getGreen() + "," + color.getBlue();
    }
}
