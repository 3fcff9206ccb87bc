package org.zinfer.formats.track;

import org.zinfer.formats.genome.Contig;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Writes the B+ tree (magic 0x78CA8C91) that maps contig names to ids and sizes. Keys are zero-padded to
 * the longest name and sorted as unsigned bytes; with more contigs than the block size the tree gets
 * branch levels. Nodes always have room for blockSize items, so offsets follow from level sizes.
 */
final class ChromTreeWriter {
    static final int MAGIC = 0x78CA8C91;
    private static final int MAX_BLOCK_SIZE = 256;

    private record Key(byte[] name, int id, int size) {
    }

    private ChromTreeWriter() {
    }

    /** Writes the tree for contigs whose id is their position in the list. */
    static void write(FileChannel out, List<Contig> contigs) throws IOException {
        List<Key> keys = new ArrayList<>();
        int keySize = 1;
        for (int id = 0; id < contigs.size(); id++) {
            byte[] name = contigs.get(id).name().getBytes(StandardCharsets.UTF_8);
            keySize = Math.max(keySize, name.length);
            keys.add(new Key(name, id, contigs.get(id).length()));
        }
        keys.sort(Comparator.comparing(Key::name, Arrays::compareUnsigned));
        int blockSize = Math.max(1, Math.min(MAX_BLOCK_SIZE, keys.size()));

        ByteBuffer header = CompressedBlocks.buffer(32);
        header.putInt(MAGIC).putInt(blockSize).putInt(keySize).putInt(8).putLong(keys.size()).putLong(0);
        CirTreeWriter.writeFully(out, header);

        // levels.get(0) are the leaves; each higher level holds the first key of each node below.
        List<List<Key>> levels = new ArrayList<>();
        levels.add(keys);
        while (levels.get(levels.size() - 1).size() > blockSize) {
            List<Key> below = levels.get(levels.size() - 1);
            List<Key> firsts = new ArrayList<>();
            for (int i = 0; i < below.size(); i += blockSize) {
                firsts.add(below.get(i));
            }
            levels.add(firsts);
        }
        long nodeSize = 4 + (long) blockSize * (keySize + 8);
        long levelOffset = out.position();
        for (int level = levels.size() - 1; level >= 0; level--) {
            List<Key> items = levels.get(level);
            long nodes = Math.max(1, (items.size() + blockSize - 1) / blockSize);
            long childLevelOffset = levelOffset + nodes * nodeSize;
            for (int node = 0; node < nodes; node++) {
                int from = node * blockSize;
                int to = Math.min(items.size(), from + blockSize);
                ByteBuffer buffer = CompressedBlocks.buffer((int) nodeSize);
                buffer.put((byte) (level == 0 ? 1 : 0)).put((byte) 0).putShort((short) (to - from));
                for (int i = from; i < to; i++) {
                    Key key = items.get(i);
                    buffer.put(Arrays.copyOf(key.name(), keySize));
                    if (level == 0) {
                        buffer.putInt(key.id()).putInt(key.size());
                    } else {
                        buffer.putLong(childLevelOffset + i * nodeSize);
                    }
                }
                buffer.position(buffer.capacity());
                CirTreeWriter.writeFully(out, buffer);
            }
            levelOffset = childLevelOffset;
        }
    }
}
