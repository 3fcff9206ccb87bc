package org.zinfer.scoring.model;

import org.deeplearning4j.nn.graph.ComputationGraph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** A network that scores one-hot windows for a list of factors, with what is known of it. */
public record FactorModel(ComputationGraph network, ModelMetadata metadata) {
    public List<String> factors() {
        return metadata.factors();
    }

    public int windowLength() {
        return metadata.windowLength();
    }

    /** SHA-256 of what decides the scores: architecture, factor names and every parameter's bits. */
    public String checksum() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(metadata.architecture().toString().getBytes(StandardCharsets.UTF_8));
            digest.update(String.join("\t", factors()).getBytes(StandardCharsets.UTF_8));
            digest.update(network.params().data().asBytes());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
