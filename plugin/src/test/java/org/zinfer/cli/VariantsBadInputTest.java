package org.zinfer.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.testing.SyntheticGenome;
import org.zinfer.testing.TestModels;
import org.zinfer.testing.TestEnvironment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What zinfer variants does with records it cannot score, and with VCFs it cannot read. */
class VariantsBadInputTest {
    @TempDir
    static Path dir;
    static Path model;
    static Path fasta;
    static String chrA;

    @BeforeAll
    static void setUp() {
        model = TestModels.kerasFile(dir, "convrnn");
        Map<String, String> contigs = new LinkedHashMap<>();
        chrA = SyntheticGenome.random(new Random(5), 6000);
        contigs.put("chrA", chrA);
        fasta = SyntheticGenome.write(dir.resolve("genome.fa"), contigs);
    }

    private static Path vcf(String name, String... records) throws IOException {
        StringBuilder text = new StringBuilder("##fileformat=VCFv4.2\n##contig=<ID=chrA,length=6000>\n##contig=<ID=chrZ,length=6000>\n"
                + "##INFO=<ID=DP,Number=1,Type=Integer,Description=\"depth\">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n");
        for (String record : records) {
            text.append(record).append('\n');
        }
        return Files.writeString(dir.resolve(name), text);
    }

    private static String base(int position) {
        return String.valueOf(chrA.charAt(position - 1));
    }

    private static String other(int position) {
        return base(position).equals("A") ? "C" : "A";
    }

    @Test
    void unscorableRecordsPassThroughWithAReason() throws IOException {
        Path in = vcf("mixed.vcf",
                "chrA\t100\tnear_start\t" + base(100) + "\t" + other(100) + "\t50\tPASS\tDP=3",
                "chrA\t2000\tsnv\t" + base(2000) + "\t" + other(2000) + "\t50\tPASS\tDP=4",
                "chrA\t2100\tmismatch\t" + other(2100) + "\t" + base(2100) + "\t50\tPASS\tDP=5",
                "chrA\t2200\tmulti\t" + base(2200) + "\t" + other(2200) + ",<DEL>,*\t50\tPASS\t.",
                "chrA\t2300\tbnd\t" + base(2300) + "\t" + base(2300) + "[chrA:4000[\t50\tPASS\tDP=7",
                "chrA\t3000\tdel\t" + chrA.substring(2999, 3010) + "\t" + base(3000) + "\t50\tPASS\tDP=8",
                "chrA\t5900\tnear_end\t" + base(5900) + "\t" + other(5900) + "\t50\tPASS\tDP=9",
                "chrZ\t3000\tunknown\tA\tC\t50\tPASS\tDP=10");
        Path out = dir.resolve("mixed.out.vcf.gz");
        CommandRunner.Outcome run = CommandRunner.run("variants", "-m", model.toString(), "-f", fasta.toString(), "--vcf", in.toString(),
                "-o", out.toString(), "--reverse-complement");
        assertEquals(0, run.exitCode(), run.stderr());
        List<String> lines = infoColumns(out, "DP", "factor1_diff", "ZINFER_SKIP");
        String snvAlt = chrA.substring(1499, 1999) + other(2000) + chrA.substring(2000, 2499);
        String multiAlt = chrA.substring(1699, 2199) + other(2200) + chrA.substring(2200, 2699);
        String delAlt = chrA.substring(2499, 3000) + chrA.substring(3010, 3509);
        float[] diffs = {
                bothStrands(snvAlt) - bothStrands(chrA.substring(1499, 2499)),
                bothStrands(multiAlt) - bothStrands(chrA.substring(1699, 2699)),
                bothStrands(delAlt) - bothStrands(chrA.substring(2499, 3499))};
        assertEquals(List.of(
                "near_start\t3\t.\toff_contig",
                "snv\t4\t" + diffs[0] + "\t.",
                "mismatch\t5\t.\tref_mismatch",
                "multi\t.\t" + diffs[1] + ",.,.\t.,symbolic_allele,spanning_deletion",
                "bnd\t7\t.\tbreakend",
                "del\t8\t" + diffs[2] + "\t.",
                "near_end\t9\t.\toff_contig",
                "unknown\t10\t.\tunknown_contig"), lines.stream().map(VariantsBadInputTest::floatsAsJava).toList());
        assertTrue(run.stderr().contains("not scored: {breakend=1, off_contig=2, ref_mismatch=1, spanning_deletion=1, symbolic_allele=1, unknown_contig=1}"), run.stderr());
        // everything but INFO is as it was
        List<String> original = Files.readAllLines(in).stream().filter(l -> !l.startsWith("#")).toList();
        List<String> written = TestEnvironment.run(List.of("bcftools", "view", "-H", out.toString())).lines().toList();
        for (int i = 0; i < original.size(); i++) {
            String[] a = original.get(i).split("\t");
            String[] b = written.get(i).split("\t");
            for (int column = 0; column < 7; column++) {
                assertEquals(a[column], b[column]);
            }
        }
    }

    /**
     * factor1's score of a window averaged with its reverse complement's, as zinfer predict computes them and in
     * the order zinfer variants --reverse-complement adds them.
     */
    private static float bothStrands(String window) throws IOException {
        String reverse = new StringBuilder(window).reverse().toString().chars()
                .map(c -> "TGCA".charAt("ACGT".indexOf(c))).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        Path records = Files.writeString(dir.resolve("strands.fa"), ">forward\n" + window + "\n>reverse\n" + reverse + "\n");
        Path tsv = dir.resolve("strands.tsv");
        CommandRunner.Outcome predict = CommandRunner.run("predict", "-m", model.toString(), "-f", records.toString(), "-o", tsv.toString());
        assertEquals(0, predict.exitCode(), predict.stderr());
        List<String> rows = Files.readAllLines(tsv);
        float forward = Float.parseFloat(rows.get(1).split("\t")[1]);
        float backward = Float.parseFloat(rows.get(2).split("\t")[1]);
        return 0f + forward / 2 + backward / 2;
    }

    /** Per record: ID, then the INFO values of the keys ('.' when absent), tab-separated, as zinfer wrote them. */
    private static List<String> infoColumns(Path vcf, String... keys) throws IOException {
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(vcf))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).lines().filter(l -> !l.startsWith("#")).map(line -> {
                String[] columns = line.split("\t");
                Map<String, String> info = new LinkedHashMap<>();
                for (String entry : columns[7].split(";")) {
                    String[] pair = entry.split("=", 2);
                    info.put(pair[0], pair.length > 1 ? pair[1] : "");
                }
                StringBuilder row = new StringBuilder(columns[2]);
                for (String key : keys) {
                    row.append('\t').append(info.getOrDefault(key, "."));
                }
                return row.toString();
            }).toList();
        }
    }

    /** The INFO column's numbers as Java prints floats, so that they compare with computed ones. */
    private static String floatsAsJava(String line) {
        String[] fields = line.split("\t");
        fields[2] = java.util.Arrays.stream(fields[2].split(",")).map(v -> v.equals(".") ? v : String.valueOf(Float.parseFloat(v)))
                .collect(java.util.stream.Collectors.joining(","));
        return String.join("\t", fields);
    }

    @Test
    void malformedAndUnsortedVcfsStopWithTheLine() throws IOException {
        Path bad = vcf("bad.vcf", "chrA\t2000\t.\t" + base(2000) + "\tC\t50\tPASS\t.", "chrA\tnotanumber\t.\tA\tC\t50\tPASS\t.");
        assertFailsCleanly(dir.resolve("bad.out.vcf.gz"), bad + " line 7", bad);
        Path unsorted = vcf("unsorted.vcf", "chrA\t3000\t.\t" + base(3000) + "\tC\t50\tPASS\t.", "chrA\t2000\t.\t" + base(2000) + "\tC\t50\tPASS\t.");
        assertFailsCleanly(dir.resolve("unsorted.out.vcf.gz"), "records are not sorted (chrA:2000 comes after chrA:3000)", unsorted);
    }

    private static void assertFailsCleanly(Path out, String expected, Path in) throws IOException {
        CommandRunner.Outcome run = CommandRunner.run("variants", "-m", model.toString(), "-f", fasta.toString(), "--vcf", in.toString(), "-o", out.toString());
        assertNotEquals(0, run.exitCode());
        assertTrue(run.stderr().contains(expected), run.stderr());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(out.resolveSibling(out.getFileName() + ".tbi")));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".partial")), "no temporary files");
        }
    }
}
