package org.zinfer.scoring.variant;

import org.zinfer.formats.InputException;

import java.util.Locale;

/** The per-factor numbers zinfer variants can write into INFO. */
public enum EffectScore {
    REF("REF window's binding probability"),
    ALT("ALT window's binding probability"),
    DIFF("ALT minus REF binding probability"),
    LOGODDS("logit(ALT) minus logit(REF)");

    public final String meaning;

    EffectScore(String meaning) {
        this.meaning = meaning;
    }

    public String suffix() {
        return name().toLowerCase(Locale.ROOT);
    }

    public float of(VariantEffect effect, int factor) {
        return switch (this) {
            case REF -> effect.ref()[factor];
            case ALT -> effect.alt()[factor];
            case DIFF -> effect.diff(factor);
            case LOGODDS -> effect.logOddsDiff(factor);
        };
    }

    public static EffectScore parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InputException("unknown score '" + text + "': choose from ref, alt, diff, logodds");
        }
    }
}
