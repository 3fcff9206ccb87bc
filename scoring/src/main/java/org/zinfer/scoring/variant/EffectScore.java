package org.zinfer.scoring.variant;

import org.zinfer.formats.InputException;

import org.zinfer.scoring.calibration.Calibration;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The per-factor numbers zinfer variants can write into INFO. */
public enum EffectScore {
    REF("REF window's binding probability"),
    ALT("ALT window's binding probability"),
    DIFF("ALT minus REF binding probability"),
    LOGODDS("logit(ALT) minus logit(REF)"),
    PVALUE("p-value of |ALT minus REF| among random SNVs at the centre of the calibration's null windows (zinfer calibrate)");

    public final String meaning;

    EffectScore(String meaning) {
        this.meaning = meaning;
    }

    public String suffix() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** calibration: the model's, with SNV effects (needed by PVALUE only). */
    public float of(VariantEffect effect, int factor, Calibration calibration) {
        return switch (this) {
            case REF -> effect.ref()[factor];
            case ALT -> effect.alt()[factor];
            case DIFF -> effect.diff(factor);
            case LOGODDS -> effect.logOddsDiff(factor);
            case PVALUE -> (float) calibration.snvPValue(factor, effect.diff(factor));
        };
    }

    /** The scores a model can give: PVALUE only with a calibration that holds SNV effects. */
    public static List<EffectScore> available(Calibration calibration) {
        return Arrays.stream(values()).filter(s -> s != PVALUE || (calibration != null && calibration.snvEffects() != null)).toList();
    }

    public static EffectScore parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InputException("unknown score '" + text + "': choose from ref, alt, diff, logodds, pvalue");
        }
    }
}
