package org.zinfer.scoring.model;

/** A layer's activation function; alpha is the negative slope of a leaky ReLU. */
public record Activation(Kind kind, double alpha) {
    public enum Kind { LINEAR, RELU, LEAKY_RELU, SIGMOID, TANH, SOFTMAX }

    public static final Activation LINEAR = new Activation(Kind.LINEAR, 0);
    public static final Activation RELU = new Activation(Kind.RELU, 0);
    public static final Activation SIGMOID = new Activation(Kind.SIGMOID, 0);
    public static final Activation TANH = new Activation(Kind.TANH, 0);
    public static final Activation SOFTMAX = new Activation(Kind.SOFTMAX, 0);

    public static Activation leakyRelu(double alpha) {
        return alpha == 0 ? RELU : new Activation(Kind.LEAKY_RELU, alpha);
    }

    @Override
    public String toString() {
        return kind == Kind.LEAKY_RELU ? "leaky_relu(" + (float) alpha + ")" : kind.name().toLowerCase();
    }
}
