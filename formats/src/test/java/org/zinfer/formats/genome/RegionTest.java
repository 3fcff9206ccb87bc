package org.zinfer.formats.genome;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.formats.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegionTest {
    @Test
    void parsesSamtoolsFormAsZeroBasedHalfOpen() {
        assertEquals(new Region("chr22", 16_049_999, 16_060_000), Region.parse("chr22:16,050,000-16,060,000"));
        assertEquals("chr22:16050000-16060000", Region.parse("chr22:16050000-16060000").toString());
        assertEquals(new Region("chrM", 0, Integer.MAX_VALUE), Region.parse("chrM"));
        assertEquals(new Region("HLA-A*01:01", 9, Integer.MAX_VALUE), Region.parse("HLA-A*01:01:10"));
    }

    @Test
    void refusesMalformedRegions() {
        for (String bad : List.of("chr1:0-10", "chr1:10-5", "chr1:a-b", ":1-10")) {
            InputException e = assertThrows(InputException.class, () -> Region.parse(bad));
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void readsBedAndNamesTheBadLine(@TempDir Path dir) throws IOException {
        Path bed = dir.resolve("r.bed");
        Files.writeString(bed, "track name=x\n# comment\nchr1\t0\t100\tname\nchr2\t50\t60\n");
        assertEquals(List.of(new Region("chr1", 0, 100), new Region("chr2", 50, 60)), BedRegions.read(bed));
        Files.writeString(bed, "chr1\t0\t100\nchr1\t200\n");
        InputException e = assertThrows(InputException.class, () -> BedRegions.read(bed));
        assertTrue(e.getMessage().contains(bed + " line 2"), e.getMessage());
        Files.writeString(bed, "chr1\t0\t100\nchr1\t300\t200\n");
        e = assertThrows(InputException.class, () -> BedRegions.read(bed));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
