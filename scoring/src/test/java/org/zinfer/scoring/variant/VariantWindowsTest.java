package org.zinfer.scoring.variant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.formats.encoding.OneHot;
import org.zinfer.formats.genome.ReferenceGenome;
import org.zinfer.testing.SyntheticGenome;
import org.zinfer.formats.variant.ContigNames;
import org.zinfer.formats.variant.VcfLineReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The windows zinfer variants cuts, checked against windows spelled out by hand from the contig's text. */
class VariantWindowsTest {
    private static final int LENGTH = 100;
    private static final int HALF = LENGTH / 2;
    private static final String CONTIG = SyntheticGenome.random(new Random(11), 400);

    @TempDir
    static Path dir;
    private static Path fasta;

    @BeforeAll
    static void genome() {
        fasta = SyntheticGenome.write(dir.resolve("g.fa"), Map.of("chrV", CONTIG));
    }

    @Test
    void snvWindowHasTheRefBaseAtTheMiddleAndTheAltInItsPlace() {
        int pos = 200;
        String ref = base(pos);
        VariantRecord record = cut(pos, ref, other(ref), 1);
        assertEquals(CONTIG.substring(pos - 1 - HALF, pos - 1 + HALF), text(record, 0));
        assertEquals(CONTIG.substring(pos - 1 - HALF, pos - 1) + other(ref) + CONTIG.substring(pos, pos - 1 + HALF), text(record, 1));
        assertEquals(2, record.windows());
    }

    @Test
    void insertionPushesTheRightFlankRight() {
        int pos = 200;
        String ref = base(pos);
        VariantRecord record = cut(pos, ref, ref + "GGGAAA", 1);
        String expected = CONTIG.substring(pos - 1 - HALF, pos - 1) + ref + "GGGAAA" + CONTIG.substring(pos, pos - 1 + HALF - 6);
        assertEquals(expected, text(record, 1));
    }

    @Test
    void deletionPullsMoreOfTheRightFlankIn() {
        int pos = 200;
        String ref = CONTIG.substring(pos - 1, pos + 9);
        VariantRecord record = cut(pos, ref, ref.substring(0, 1), 1);
        String expected = CONTIG.substring(pos - 1 - HALF, pos) + CONTIG.substring(pos + 9, pos + 9 + HALF - 1);
        assertEquals(expected, text(record, 1));
        assertEquals(CONTIG.substring(pos - 1 - HALF, pos - 1 + HALF), text(record, 0));
    }

    @Test
    void altLongerThanTheRightHalfIsCutAtTheWindowEnd() {
        int pos = 200;
        String ref = base(pos);
        String alt = ref + "ACGT".repeat(20);
        VariantRecord record = cut(pos, ref, alt, 1);
        assertEquals(CONTIG.substring(pos - 1 - HALF, pos - 1) + alt.substring(0, HALF), text(record, 1));
    }

    @Test
    void windowsRunningOffTheContigAreSkipped() {
        assertEquals(List.of(VariantWindows.OFF_CONTIG), cut(HALF, base(HALF), other(base(HALF)), 1).reasons());
        assertEquals(Collections.singletonList((String) null), cut(HALF + 1, base(HALF + 1), other(base(HALF + 1)), 1).reasons());
        int last = CONTIG.length() - HALF + 1;
        assertEquals(Collections.singletonList((String) null), cut(last, base(last), other(base(last)), 1).reasons());
        assertEquals(List.of(VariantWindows.OFF_CONTIG), cut(last + 1, base(last + 1), other(base(last + 1)), 1).reasons());
        // a deletion whose REF reaches further than the contig lets the right flank run off it
        int nearEnd = CONTIG.length() - HALF - 5;
        String longRef = CONTIG.substring(nearEnd - 1, nearEnd + 9);
        VariantRecord deletion = cut(nearEnd, longRef, longRef.substring(0, 1), 1);
        assertEquals(List.of(VariantWindows.OFF_CONTIG), deletion.reasons());
        assertEquals(0, deletion.windows());
    }

    @Test
    void unknownContigRefMismatchAndSymbolicAllelesGetReasons() {
        assertEquals(List.of(VariantWindows.UNKNOWN_CONTIG), cut("chrZ", 200, "A", "C", 1).reasons());
        assertEquals(List.of(VariantWindows.REF_MISMATCH), cut(200, other(base(200)), base(200), 1).reasons());
        VariantRecord mixed = cut(200, base(200), other(base(200)) + ",<DEL>,*", 1);
        assertEquals(Arrays.asList(null, VariantWindows.SYMBOLIC, VariantWindows.SPANNING_DELETION), mixed.reasons());
        assertEquals(2, mixed.windows());
    }

    @Test
    void reverseStrandWindowsAreTheReverseComplementsInTheSameOrder() {
        int pos = 200;
        String ref = base(pos);
        VariantRecord both = cut(pos, ref, other(ref), 2);
        assertEquals(4, both.windows());
        assertEquals(text(both, 0), reverseComplement(text(both, 1)));
        assertEquals(text(both, 2), reverseComplement(text(both, 3)));
        assertEquals(text(cut(pos, ref, other(ref), 1), 1), text(both, 2));
    }

    private static String base(int pos) {
        return CONTIG.substring(pos - 1, pos);
    }

    private static String other(String base) {
        return base.equals("A") ? "C" : "A";
    }

    private static VariantRecord cut(int pos, String ref, String alt, int strands) {
        return cut("chrV", pos, ref, alt, strands);
    }

    private static VariantRecord cut(String contig, int pos, String ref, String alt, int strands) {
        Path vcf = dir.resolve("v" + System.nanoTime() + ".vcf");
        try {
            Files.writeString(vcf, "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
                    + contig + "\t" + pos + "\t.\t" + ref + "\t" + alt + "\t.\t.\t.\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        try (ReferenceGenome genome = ReferenceGenome.open(fasta); VcfLineReader reader = new VcfLineReader(vcf)) {
            VariantWindows windows = new VariantWindows(genome, new ContigNames(Set.of("chrV"), message -> { }), LENGTH, strands);
            return windows.cut(reader.next());
        }
    }

    /** Window i of a record as letters, read back from the channel codes the engine would get. */
    private static String text(VariantRecord record, int i) {
        byte[] channels = new byte[LENGTH];
        record.encode(i, channels, 0);
        StringBuilder text = new StringBuilder();
        for (byte c : channels) {
            text.append(c < 0 ? 'N' : OneHot.ALPHABET.charAt(c));
        }
        return text.toString();
    }

    private static String reverseComplement(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = s.length() - 1; i >= 0; i--) {
            out.append("TGCAN".charAt("ACGTN".indexOf(s.charAt(i))));
        }
        return out.toString();
    }

    @Test
    void nothingIsCutForARecordWithoutScorableAlleles() {
        VariantRecord record = cut(200, base(200), "<DEL>", 2);
        assertEquals(0, record.windows());
        assertArrayEquals(new String[] {VariantWindows.SYMBOLIC}, record.reasons().toArray());
    }
}
