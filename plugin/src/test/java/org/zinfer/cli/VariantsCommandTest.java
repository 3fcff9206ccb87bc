package org.zinfer.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.formats.genome.ReferenceGenome;
import org.zinfer.testing.TestEnvironment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * zinfer variants on 1000 Genomes chr22 sites (contig '22') against hg19 chr22 ('chr22') with the thesis'
 * 8-factor model: bcftools reads the result, every record comes out, SNV effects equal zinfer predict on
 * windows cut by hand, and indels get scores.
 */
class VariantsCommandTest {
    @TempDir
    static Path dir;
    static Path model;
    static Path fasta;
    static Path vcf;
    static Path out;
    static CommandRunner.Outcome run;

    @BeforeAll
    static void annotate() {
        model = TestEnvironment.shared("thesis-models/multilabel_classification_convrnn_on_real_data.h5");
        fasta = TestEnvironment.shared("genome/hg19.chr22_1-22000000.fa.gz");
        vcf = TestEnvironment.shared("variants/ALL.chr22.phase3_shapeit2_mvncall_integrated_v5b.20130502.sites.vcf.gz");
        out = dir.resolve("annotated.vcf.gz");
        run = CommandRunner.run("variants", "-m", model.toString(), "-f", fasta.toString(), "--vcf", vcf.toString(),
                "-o", out.toString(), "--scores", "diff,ref,alt", "--tsv", dir.resolve("effects.tsv").toString());
        assertEquals(0, run.exitCode(), run.stderr());
    }

    @Test
    void bcftoolsReadsEveryRecord() {
        String in = TestEnvironment.run(List.of("bcftools", "view", "-H", vcf.toString()));
        String annotated = TestEnvironment.run(List.of("bcftools", "view", "-H", out.toString()));
        assertEquals(in.lines().count(), annotated.lines().count());
        assertTrue(in.lines().count() > 2000);
        assertTrue(run.stderr().contains("VCF contig '22' is read as 'chr22' of the FASTA"), run.stderr());
        // the index answers region queries
        String region = TestEnvironment.run(List.of("bcftools", "view", "-H", "-r", "22:17442913-17443000", out.toString()));
        assertEquals(List.of("17442913", "17442923", "17442951", "17442987"), region.lines().map(l -> l.split("\t")[1]).toList());
    }

    @Test
    void snvDiffsEqualPredictOnWindowsCutByHand() throws IOException {
        String query = TestEnvironment.run(List.of("bcftools", "query", "-i", "TYPE='snp' && N_ALT=1", "-f",
                "%POS\t%REF\t%ALT\t%INFO/factor3_diff\t%INFO/factor3_ref\t%INFO/factor3_alt\n", out.toString()));
        List<String[]> snvs = query.lines().map(l -> l.split("\t")).toList();
        assertTrue(snvs.size() > 100);
        StringBuilder records = new StringBuilder();
        List<String[]> sample = new ArrayList<>();
        try (ReferenceGenome genome = ReferenceGenome.open(fasta)) {
            for (int i = 0; i < snvs.size(); i += snvs.size() / 25) {
                String[] snv = snvs.get(i);
                int anchor = Integer.parseInt(snv[0]) - 1;
                byte[] ref = genome.bases("chr22", anchor - 500, anchor + 500);
                assertEquals(snv[1], String.valueOf((char) ref[500]).toUpperCase());
                byte[] alt = ref.clone();
                alt[500] = (byte) snv[2].charAt(0);
                records.append(">ref").append(i).append('\n').append(new String(ref, StandardCharsets.US_ASCII)).append('\n');
                records.append(">alt").append(i).append('\n').append(new String(alt, StandardCharsets.US_ASCII)).append('\n');
                sample.add(snv);
            }
        }
        Path windows = Files.writeString(dir.resolve("snv-windows.fa"), records);
        Path tsv = dir.resolve("snv-predict.tsv");
        CommandRunner.Outcome predict = CommandRunner.run("predict", "-m", model.toString(), "-f", windows.toString(), "-o", tsv.toString());
        assertEquals(0, predict.exitCode(), predict.stderr());
        List<String> rows = Files.readAllLines(tsv).subList(1, 2 * sample.size() + 1);
        for (int k = 0; k < sample.size(); k++) {
            double ref = Double.parseDouble(rows.get(2 * k).split("\t")[3]);
            double alt = Double.parseDouble(rows.get(2 * k + 1).split("\t")[3]);
            String[] snv = sample.get(k);
            assertEquals(ref, Double.parseDouble(snv[4]), 1e-5, "ref score at " + snv[0]);
            assertEquals(alt, Double.parseDouble(snv[5]), 1e-5, "alt score at " + snv[0]);
            assertEquals(alt - ref, Double.parseDouble(snv[3]), 1e-5, "diff at " + snv[0]);
        }
    }

    /** The TSV has a row per ALT allele, and its numbers are the VCF's (which bcftools prints to 6 digits). */
    @Test
    void tableHoldsEveryAltAlleleWithTheVcfsNumbers() throws IOException {
        List<String> alts = TestEnvironment.run(List.of("bcftools", "query", "-f", "%POS\t%ALT\t%INFO/factor3_diff\n", out.toString())).lines().toList();
        List<String> rows = Files.readAllLines(dir.resolve("effects.tsv"));
        List<String> header = List.of(rows.get(0).split("\t"));
        int diff = header.indexOf("factor3_diff");
        List<String[]> alleles = new ArrayList<>();
        for (String record : alts) {
            String[] fields = record.split("\t");
            String[] alleleAlts = fields[1].split(",");
            String[] diffs = fields[2].split(",");
            for (int a = 0; a < alleleAlts.length; a++) {
                alleles.add(new String[] {fields[0], alleleAlts[a], a < diffs.length ? diffs[a] : "."});
            }
        }
        assertEquals(alleles.size(), rows.size() - 1);
        for (int i = 0; i < alleles.size(); i++) {
            String[] row = rows.get(i + 1).split("\t");
            String[] allele = alleles.get(i);
            assertEquals(allele[0], row[1], "row " + i);
            assertEquals(allele[1], row[4], "row " + i);
            if (allele[2].equals(".")) {
                assertEquals("NA", row[diff], "row " + i);
            } else {
                assertEquals(Double.parseDouble(allele[2]), Double.parseDouble(row[diff]), 1e-5 * Math.abs(Double.parseDouble(row[diff])) + 1e-9, "row " + i);
            }
        }
    }

    @Test
    void indelsGetScores() {
        String indels = TestEnvironment.run(List.of("bcftools", "query", "-i", "TYPE='indel'", "-f", "%REF\t%ALT\t%INFO/factor1_diff\n", out.toString()));
        assertTrue(indels.lines().count() > 10, indels);
        assertTrue(indels.lines().allMatch(l -> !l.endsWith("\t.")), "every indel allele is scored");
        assertTrue(indels.lines().anyMatch(l -> l.split("\t")[0].length() > 1), "deletions present");
        assertTrue(indels.lines().anyMatch(l -> l.split("\t")[1].length() > 1), "insertions present");
    }
}
