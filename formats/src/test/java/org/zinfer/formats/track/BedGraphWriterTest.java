package org.zinfer.formats.track;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.formats.genome.Contig;
import org.zinfer.testing.TestEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BedGraphWriterTest {
    @Test
    void writesBgzipThatTabixQueries(@TempDir Path dir) {
        Path file = dir.resolve("t.bedGraph.gz");
        List<Contig> contigs = List.of(new Contig("chr2", 1_000_000), new Contig("chr1", 1_000_000));
        StringBuilder expected = new StringBuilder();
        try (BedGraphWriter writer = new BedGraphWriter(file, contigs, "track type=bedGraph name=\"t\"")) {
            for (int start = 475; start + 50 <= 900_000; start += 50) {
                writer.add("chr2", start, start + 50, start / 1e6f);
            }
            for (int start = 475; start + 50 <= 200_000; start += 50) {
                writer.add("chr1", start, start + 50, 0.25f);
                if (start < 100_200 && start + 50 > 100_000) {
                    expected.append("chr1\t").append(start).append('\t').append(start + 50).append("\t0.25\n");
                }
            }
            writer.commit();
        }
        assertTrue(Files.exists(dir.resolve("t.bedGraph.gz.tbi")));
        String region = TestEnvironment.run(List.of("tabix", file.toString(), "chr1:100001-100200"));
        assertEquals(expected.toString(), region);
        assertTrue(region.startsWith("chr1\t99975\t100025\t"), region);
        String last = TestEnvironment.run(List.of("tabix", file.toString(), "chr2:899950-899960"));
        assertEquals("chr2\t899925\t899975\t0.899925\n", last);
        assertEquals("chr2\t475\t525\t4.75E-4\n", TestEnvironment.run(List.of("tabix", file.toString(), "chr2:1-500")),
                "the index skips the track line before the first interval");
        assertTrue(TestEnvironment.run(List.of("bash", "-c", "zcat " + file + " | head -1")).startsWith("track type=bedGraph name=\"t\""));
        String listed = TestEnvironment.run(List.of("tabix", "-l", file.toString()));
        assertEquals("chr2\nchr1\n", listed);
    }
}
