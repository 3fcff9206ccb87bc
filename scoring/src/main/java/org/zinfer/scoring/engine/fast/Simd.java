package org.zinfer.scoring.engine.fast;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.zinfer.scoring.model.Activation;

/**
 * Vector API helpers. Layer widths are padded to whole vectors so that every load and store is a full,
 * unmasked vector; padding lanes hold finite values that zero weights cancel.
 */
final class Simd {
    /** Convolution rows. */
    static final VectorSpecies<Float> ROW = FloatVector.SPECIES_PREFERRED;
    /** LSTM units: the widest the CPU has. */
    static final VectorSpecies<Float> WIDE = FloatVector.SPECIES_PREFERRED;

    private Simd() {
    }

    static boolean available() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    static int padded(int width, VectorSpecies<Float> species) {
        int lanes = species.length();
        return (width + lanes - 1) / lanes * lanes;
    }

    static FloatVector activate(Activation activation, FloatVector x) {
        return switch (activation.kind()) {
            case LINEAR -> x;
            case RELU -> x.max(0f);
            case LEAKY_RELU -> x.blend(x.mul((float) activation.alpha()), x.compare(VectorOperators.LT, 0f));
            case SIGMOID -> sigmoid(x);
            case TANH -> x.lanewise(VectorOperators.TANH);
            case SOFTMAX -> throw new IllegalArgumentException("softmax is not element-wise");
        };
    }

    static FloatVector sigmoid(FloatVector x) {
        FloatVector one = (FloatVector) x.species().broadcast(1);
        return one.div(x.neg().lanewise(VectorOperators.EXP).add(1f));
    }
}
