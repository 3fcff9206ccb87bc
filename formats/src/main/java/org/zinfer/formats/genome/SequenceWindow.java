package org.zinfer.formats.genome;

/** A window with its bases: bases[offset, offset + window.length()). The array may be shared with other windows. */
public record SequenceWindow(Window window, byte[] bases, int offset) {
}
