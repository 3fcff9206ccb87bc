package org.zinfer.scoring.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The layers zinfer's networks are made of, in Keras' terms. Inputs are sequences of (length, channels);
 * convolutions and pooling keep that form, the LSTMs return their final state, Flatten and Dense work on
 * vectors.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = LayerSpec.Conv1D.class, name = "Conv1D"),
        @JsonSubTypes.Type(value = LayerSpec.MaxPool1D.class, name = "MaxPool1D"),
        @JsonSubTypes.Type(value = LayerSpec.Dropout.class, name = "Dropout"),
        @JsonSubTypes.Type(value = LayerSpec.Flatten.class, name = "Flatten"),
        @JsonSubTypes.Type(value = LayerSpec.Dense.class, name = "Dense"),
        @JsonSubTypes.Type(value = LayerSpec.Lstm.class, name = "LSTM")})
public sealed interface LayerSpec {
    String name();

    /** A short human-readable form, e.g. Conv1D(16, k10, same, relu). */
    @JsonIgnore
    String describe();

    /** Conv1D with stride 1; 'same' padding puts (kernel-1)/2 zeros on the left and the rest on the right. */
    record Conv1D(String name, int filters, int kernel, boolean samePadding, Activation activation) implements LayerSpec {
        public String describe() {
            return "Conv1D(" + filters + ", k" + kernel + (samePadding ? ", same, " : ", valid, ") + activation + ")";
        }
    }

    /** MaxPooling1D with 'valid' padding. */
    record MaxPool1D(String name, int pool, int stride) implements LayerSpec {
        public String describe() {
            return "MaxPool(" + pool + (stride == pool ? "" : ", stride " + stride) + ")";
        }
    }

    record Dropout(String name, double rate) implements LayerSpec {
        public String describe() {
            return "Dropout(" + rate + ")";
        }
    }

    /** Flattens (length, channels) to a vector in Keras order: index = position * channels + channel. */
    record Flatten(String name) implements LayerSpec {
        public String describe() {
            return "Flatten";
        }
    }

    record Dense(String name, int units, Activation activation) implements LayerSpec {
        public String describe() {
            return "Dense(" + units + ", " + activation + ")";
        }
    }

    /**
     * LSTM returning its final hidden state (tanh cell, sigmoid gates); bidirectional concatenates the
     * forward final state and the backward final state.
     */
    record Lstm(String name, int units, boolean bidirectional) implements LayerSpec {
        public String describe() {
            return (bidirectional ? "BiLSTM(" : "LSTM(") + units + ")";
        }
    }
}
