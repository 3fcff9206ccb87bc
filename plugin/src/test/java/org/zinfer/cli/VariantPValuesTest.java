package org.zinfer.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.testing.SyntheticGenome;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random SNVs of a genome without motifs (i.i.d. bases) get uniform p-values from zinfer variants --scores pvalue
 * with the built-in model calibrated on that genome: Kolmogorov-Smirnov per factor. And a model without a
 * calibration is refused.
 */
class VariantPValuesTest {
    private static final int SNVS = 2000;

    @TempDir
    Path dir;

    @Test
    void randomSnvsOfAGenomeWithoutMotifsGetUniformPValues() throws IOException {
        Random random = new Random(11);
        Map<String, String> contigs = new LinkedHashMap<>();
        contigs.put("chrA", SyntheticGenome.random(random, 1_200_000));
        contigs.put("chrB", SyntheticGenome.random(random, 800_000));
        Path fasta = SyntheticGenome.write(dir.resolve("genome.fa"), contigs);
        Path vcf = randomSnvs(contigs, random);
        Path calibrated = dir.resolve("calibrated.zinfer");
        run("calibrate", "-f", fasta.toString(), "--windows", "4000", "-o", calibrated.toString());
        CommandRunner.assertFails(dir.resolve("out.vcf.gz"), "--scores pvalue needs a model calibrated with SNV effects",
                "variants", "-f", fasta.toString(), "--vcf", vcf.toString(), "--scores", "pvalue", "-o", dir.resolve("out.vcf.gz").toString());
        CommandRunner.assertFails(dir.resolve("out.vcf.gz"), "calibration was made with neither --reverse-complement nor --shifts, these variants are scored with --shifts 4",
                "variants", "-m", calibrated.toString(), "-f", fasta.toString(), "--vcf", vcf.toString(), "--scores", "pvalue", "--shifts", "4",
                "-o", dir.resolve("out.vcf.gz").toString());
        Path tsv = dir.resolve("effects.tsv");
        run("variants", "-m", calibrated.toString(), "-f", fasta.toString(), "--vcf", vcf.toString(), "--scores", "diff,pvalue",
                "-o", dir.resolve("out.vcf.gz").toString(), "--tsv", tsv.toString());

        List<String> lines = Files.readAllLines(tsv);
        List<String> header = Arrays.asList(lines.get(0).split("\t"));
        assertEquals(SNVS + 1, lines.size());
        double worst = 0;
        int factors = 0;
        for (int column = 0; column < header.size(); column++) {
            if (!header.get(column).endsWith("_pvalue")) {
                continue;
            }
            double[] p = new double[SNVS];
            for (int i = 0; i < SNVS; i++) {
                p[i] = Double.parseDouble(lines.get(i + 1).split("\t")[column]);
            }
            worst = Math.max(worst, kolmogorovSmirnov(p));
            factors++;
        }
        assertEquals(29, factors);
        // a null of 4,000 and 2,000 SNVs: 1.95 sqrt(1/4000 + 1/2000) = 0.053 at the 0.1% level
        System.err.println("largest KS distance from uniform over the 29 factors: " + worst);
        assertTrue(worst < 0.053, "largest KS distance from uniform over the 29 factors: " + worst);
    }

    /** SNVS single-base substitutions at random positions, sorted, each to a random other base. */
    private Path randomSnvs(Map<String, String> contigs, Random random) throws IOException {
        StringBuilder vcf = new StringBuilder("##fileformat=VCFv4.2\n");
        contigs.forEach((name, bases) -> vcf.append("##contig=<ID=").append(name).append(",length=").append(bases.length()).append(">\n"));
        vcf.append("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n");
        List<String> names = new ArrayList<>(contigs.keySet());
        List<long[]> positions = new ArrayList<>();
        while (positions.size() < SNVS) {
            int contig = random.nextInt(names.size());
            int position = 1000 + random.nextInt(contigs.get(names.get(contig)).length() - 2000);
            if (positions.stream().noneMatch(p -> p[0] == contig && p[1] == position)) {
                positions.add(new long[] {contig, position});
            }
        }
        positions.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        for (long[] p : positions) {
            char ref = contigs.get(names.get((int) p[0])).charAt((int) p[1] - 1);
            String others = "ACGT".replace(String.valueOf(ref), "");
            vcf.append(names.get((int) p[0])).append('\t').append(p[1]).append("\t.\t").append(ref).append('\t')
                    .append(others.charAt(random.nextInt(3))).append("\t.\t.\t.\n");
        }
        Path file = dir.resolve("snvs.vcf");
        Files.writeString(file, vcf);
        return file;
    }

    private static double kolmogorovSmirnov(double[] p) {
        double[] sorted = p.clone();
        Arrays.sort(sorted);
        double worst = 0;
        for (int i = 0; i < sorted.length; i++) {
            worst = Math.max(worst, Math.max((i + 1.0) / sorted.length - sorted[i], sorted[i] - (double) i / sorted.length));
        }
        return worst;
    }

    private static void run(String... args) {
        CommandRunner.Outcome outcome = CommandRunner.run(args);
        assertEquals(0, outcome.exitCode(), outcome.stderr());
    }
}
