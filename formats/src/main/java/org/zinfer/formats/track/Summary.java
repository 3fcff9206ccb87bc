package org.zinfer.formats.track;

/** Running summary of values over bases, as bbi files store it: bases covered, min, max, sum, sum of squares. */
final class Summary {
    long bases;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum;
    double sumSquares;

    void add(int basesCovered, float value) {
        bases += basesCovered;
        min = Math.min(min, value);
        max = Math.max(max, value);
        sum += (double) value * basesCovered;
        sumSquares += (double) value * value * basesCovered;
    }

    boolean isEmpty() {
        return bases == 0;
    }

    void clear() {
        bases = 0;
        min = Double.POSITIVE_INFINITY;
        max = Double.NEGATIVE_INFINITY;
        sum = 0;
        sumSquares = 0;
    }
}
