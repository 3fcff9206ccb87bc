package org.zinfer.formats.track;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the chromosome-interval R-tree (magic 0x2468ACE0) that indexes the blocks of a bbi file. Entries
 * must come sorted by (chrom, start). Every node has room for blockSize items (unused slots are zero), so
 * node offsets follow from the level sizes, root first.
 */
final class CirTreeWriter {
    static final int MAGIC = 0x2468ACE0;
    private static final int HEADER_SIZE = 48;
    private static final int NODE_HEADER_SIZE = 4;
    private static final int LEAF_ITEM_SIZE = 32;
    private static final int BRANCH_ITEM_SIZE = 24;

    private CirTreeWriter() {
    }

    /** Writes the tree at the channel's position. endFileOffset is where the indexed data ends. */
    static void write(FileChannel out, List<BlockIndexEntry> leaves, int blockSize, int itemsPerSlot, long endFileOffset) throws IOException {
        List<List<BlockIndexEntry>> levels = new ArrayList<>();
        levels.add(leaves);
        while (levels.get(levels.size() - 1).size() > blockSize) {
            levels.add(parents(levels.get(levels.size() - 1), blockSize));
        }
        ByteBuffer header = CompressedBlocks.buffer(HEADER_SIZE);
        header.putInt(MAGIC).putInt(blockSize).putLong(leaves.size());
        if (leaves.isEmpty()) {
            header.putInt(0).putInt(0).putInt(0).putInt(0);
        } else {
            BlockIndexEntry first = leaves.get(0);
            BlockIndexEntry last = leaves.get(leaves.size() - 1);
            header.putInt(first.startChrom()).putInt(first.startBase()).putInt(last.endChrom()).putInt(maxEnd(leaves, last.endChrom()));
        }
        header.putLong(endFileOffset).putInt(itemsPerSlot).putInt(0);
        writeFully(out, header);

        long levelOffset = out.position();
        for (int level = levels.size() - 1; level >= 0; level--) {
            List<BlockIndexEntry> items = levels.get(level);
            boolean leaf = level == 0;
            int itemSize = leaf ? LEAF_ITEM_SIZE : BRANCH_ITEM_SIZE;
            long nodeSize = NODE_HEADER_SIZE + (long) blockSize * itemSize;
            long nodes = Math.max(1, (items.size() + blockSize - 1) / blockSize);
            long childLevelOffset = levelOffset + nodes * nodeSize;
            long childNodeSize = NODE_HEADER_SIZE + (long) blockSize * (level == 1 ? LEAF_ITEM_SIZE : BRANCH_ITEM_SIZE);
            for (int node = 0; node < nodes; node++) {
                int from = node * blockSize;
                int to = Math.min(items.size(), from + blockSize);
                ByteBuffer buffer = CompressedBlocks.buffer((int) nodeSize);
                buffer.put((byte) (leaf ? 1 : 0)).put((byte) 0).putShort((short) (to - from));
                for (int i = from; i < to; i++) {
                    BlockIndexEntry e = items.get(i);
                    buffer.putInt(e.startChrom()).putInt(e.startBase()).putInt(e.endChrom()).putInt(e.endBase());
                    if (leaf) {
                        buffer.putLong(e.offset()).putLong(e.size());
                    } else {
                        buffer.putLong(childLevelOffset + (long) i * childNodeSize);
                    }
                }
                buffer.position(buffer.capacity());
                writeFully(out, buffer);
            }
            levelOffset = childLevelOffset;
        }
    }

    /** Groups items blockSize at a time into parent items spanning their children. */
    private static List<BlockIndexEntry> parents(List<BlockIndexEntry> children, int blockSize) {
        List<BlockIndexEntry> parents = new ArrayList<>();
        for (int from = 0; from < children.size(); from += blockSize) {
            List<BlockIndexEntry> group = children.subList(from, Math.min(children.size(), from + blockSize));
            BlockIndexEntry first = group.get(0);
            BlockIndexEntry last = group.get(group.size() - 1);
            parents.add(new BlockIndexEntry(first.startChrom(), first.startBase(), last.endChrom(), maxEnd(group, last.endChrom()), 0, 0));
        }
        return parents;
    }

    private static int maxEnd(List<BlockIndexEntry> entries, int chrom) {
        int end = 0;
        for (BlockIndexEntry e : entries) {
            if (e.endChrom() == chrom) {
                end = Math.max(end, e.endBase());
            }
        }
        return end;
    }

    static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }
}
