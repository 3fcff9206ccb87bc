package org.zinfer.formats.track;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompressedBlocksTest {
    @TempDir
    Path dir;

    @Test
    void blocksHeldInMemoryOrSpilledToAFileCopyOutTheSame() throws IOException {
        List<Path> created = new ArrayList<>();
        CompressedBlocks.TemporaryFile temporary = () -> {
            Path file = Files.createTempFile(dir, "blocks", ".tmp");
            created.add(file);
            return file;
        };
        byte[] held = copied(new CompressedBlocks(temporary, Integer.MAX_VALUE), "held.bin");
        assertTrue(created.isEmpty(), "no temporary file while the blocks fit in memory");
        byte[] spilled = copied(new CompressedBlocks(temporary, 1000), "spilled.bin");
        assertEquals(1, created.size());
        assertFalse(Files.exists(created.get(0)), "the temporary file goes with the blocks");
        assertArrayEquals(held, spilled);
    }

    /** Writes the same 20 blocks after 7 bytes of header and returns the file, whose block index must agree. */
    private byte[] copied(CompressedBlocks blocks, String name) throws IOException {
        Random random = new Random(9);
        Path target = dir.resolve(name);
        try (blocks; FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int b = 0; b < 20; b++) {
                ByteBuffer block = CompressedBlocks.buffer(400);
                while (block.hasRemaining()) {
                    block.put((byte) random.nextInt(8));
                }
                blocks.write(block, 0, b * 100, b * 100 + 100, 10);
            }
            out.write(ByteBuffer.wrap(new byte[7]));
            List<BlockIndexEntry> entries = blocks.copyTo(out);
            assertEquals(7, entries.get(0).offset());
            assertEquals(out.position(), entries.get(19).offset() + entries.get(19).size());
        }
        return Files.readAllBytes(target);
    }
}
