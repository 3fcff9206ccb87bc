package org.zinfer.formats.genome;

/** A named reference sequence and its length in bases. */
public record Contig(String name, int length) {
}
