package org.zinfer.formats.track;

import org.junit.jupiter.api.Test;

import java.awt.Color;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The factor colours are java.awt.Color's HSB colours, computed without java.desktop. */
class TrackColorsTest {
    @Test
    void matchesJavaAwtForTheFirstThousandFactors() {
        for (int i = 0; i < 1000; i++) {
            float hue = (float) ((i * 0.6180339887498949) % 1.0);
            Color color = Color.getHSBColor(hue, i % 2 == 0 ? 0.75f : 0.55f, i % 3 == 0 ? 0.70f : 0.85f);
            assertEquals(color.getRed() + "," + color.getGreen() + "," + color.getBlue(), TrackColors.of(i), "factor " + i);
        }
    }
}
