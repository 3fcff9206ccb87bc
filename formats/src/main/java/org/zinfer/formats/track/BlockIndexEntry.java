package org.zinfer.formats.track;

/** One compressed block of a bbi file as its R-tree indexes it: the span it covers and where it lies. */
record BlockIndexEntry(int startChrom, int startBase, int endChrom, int endBase, long offset, long size) {
}
