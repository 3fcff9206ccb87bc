package org.zinfer.scoring.model;

import org.zinfer.scoring.calibration.Calibration;

import java.util.List;

/**
 * What a model bundle says about its network: the factor of each output, the one-hot alphabet and window
 * length it expects, where it came from, and the SHA-256 of the stored network.
 *
 * @param source   provenance in words, e.g. "Keras 2.8.0 file m.h5 (sha256 ...)" or a training summary
 * @param training    the training record (data, flags, per-epoch loss and AUC) as JSON text, or null
 * @param calibration the factors' null distributions (zinfer calibrate), or null
 */
public record ModelMetadata(String name, List<String> factors, String alphabet, int windowLength,
                            Architecture architecture, String source, String created, String zinferVersion,
                            String networkSha256, String training, Calibration calibration) {
    public ModelMetadata {
        factors = List.copyOf(factors);
    }

    /** Without a calibration. */
    public ModelMetadata(String name, List<String> factors, String alphabet, int windowLength, Architecture architecture, String source,
                         String created, String zinferVersion, String networkSha256, String training) {
        this(name, factors, alphabet, windowLength, architecture, source, created, zinferVersion, networkSha256, training, null);
    }

    public ModelMetadata withNetworkSha256(String sha256) {
        return new ModelMetadata(name, factors, alphabet, windowLength, architecture, source, created, zinferVersion, sha256, training, calibration);
    }

    public ModelMetadata withName(String newName) {
        return new ModelMetadata(newName, factors, alphabet, windowLength, architecture, source, created, zinferVersion, networkSha256, training,
                calibration);
    }

    public ModelMetadata withCalibration(Calibration newCalibration) {
        return new ModelMetadata(name, factors, alphabet, windowLength, architecture, source, created, zinferVersion, networkSha256, training,
                newCalibration);
    }

    /** factor1 .. factorK, zero-padded so that they sort in output order. */
    public static List<String> defaultFactorNames(int count) {
        int width = String.valueOf(count).length();
        return java.util.stream.IntStream.rangeClosed(1, count)
                .mapToObj(i -> String.format("factor%0" + width + "d", i)).toList();
    }
}
