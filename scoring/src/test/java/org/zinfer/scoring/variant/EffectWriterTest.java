package org.zinfer.scoring.variant;

import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.vcf.VCFFileReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.formats.InputException;
import org.zinfer.formats.genome.SequenceWindow;
import org.zinfer.formats.genome.Window;
import org.zinfer.formats.variant.AnnotatedVcfWriter;
import org.zinfer.formats.variant.VcfLineReader;
import org.zinfer.scoring.model.ModelMetadata;
import org.zinfer.scoring.model.FactorModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * From scores to INFO fields and TSV rows: strands averaged, effects per ALT allele, skipped alleles as '.',
 * the input's own INFO kept; the VCF read back with htsjdk and the TSV parsed.
 */
class EffectWriterTest {
    private static final List<String> FACTORS = List.of("ZNF1", "2-odd name");
    private static final FactorModel MODEL = new FactorModel(null,
            new ModelMetadata("test-model", FACTORS, "ACGT", 10, null, "test", "now", "0", null, null));

    @TempDir
    Path dir;

    @Test
    void effectsReachTheVcfAndTheTableAsTheScoresSay() throws IOException {
        Path vcf = dir.resolve("in.vcf");
        Files.writeString(vcf, "##fileformat=VCFv4.2\n##contig=<ID=chr1,length=1000>\n"
                + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
                + "chr1\t100\tsnv\tA\tC,G\t.\tPASS\tDP=5\n"
                + "chr1\t200\tsv\tA\t<DEL>\t.\t.\tSVTYPE=DEL\n"
                + "chr1\t300\tmix\tA\t*,T\t.\t.\t.\n");
        List<EffectScore> scores = EffectScore.available(null);
        EffectAnnotation annotation = new EffectAnnotation(MODEL, scores, List.of(0, 1));
        Path out = dir.resolve("out.vcf.gz");
        Path tsv = dir.resolve("out.tsv");
        EffectWriter writer;
        try (VcfLineReader reader = new VcfLineReader(vcf);
             AnnotatedVcfWriter vcfOut = new AnnotatedVcfWriter(out, reader.headerLines(), annotation.headerLines());
             EffectTable table = new EffectTable(tsv, MODEL, List.of(0, 1))) {
            writer = new EffectWriter(2, annotation, vcfOut, table);
            // record 1: REF, ALT C, ALT G, each forward then reverse; 2 factors
            writer.accept(record(reader.next(), Arrays.asList(null, null)),
                    new float[] {9, 9, 0.2f, 0.4f, 0.4f, 0.6f, 0.5f, 0.7f, 0.7f, 0.9f, 0.0f, 1.0f, 0.0f, 1.0f}, 2);
            writer.accept(record(reader.next(), List.of(VariantWindows.SYMBOLIC)), new float[0], 0);
            writer.accept(record(reader.next(), Arrays.asList(VariantWindows.SPANNING_DELETION, null)),
                    new float[] {0.5f, 0.5f, 0.5f, 0.5f, 0.25f, 0.75f, 0.25f, 0.75f}, 0);
            table.commit();
            vcfOut.commit();
        }
        assertEquals(3, writer.written());
        assertEquals(5, writer.alleles());
        assertEquals(3, writer.scored());

        try (VCFFileReader read = new VCFFileReader(out, true)) {
            List<VariantContext> records = new ArrayList<>();
            read.iterator().forEachRemaining(records::add);
            VariantContext snv = records.get(0);
            assertEquals("5", snv.getAttributeAsString("DP", null));
            assertFloats(snv, "ZNF1_ref", 0.3f, 0.3f);
            assertFloats(snv, "ZNF1_alt", 0.6f, 0.0f);
            assertFloats(snv, "_2_odd_name_alt", 0.8f, 1.0f);
            assertFloats(snv, "ZNF1_diff", 0.6f - 0.3f, 0.0f - 0.3f);
            assertFloats(snv, "ZNF1_logodds", logit(0.6) - logit(0.3), logit(1e-7) - logit(0.3));
            assertTrue(!snv.hasAttribute(EffectAnnotation.SKIP));
            VariantContext sv = records.get(1);
            assertEquals("symbolic_allele", sv.getAttributeAsString(EffectAnnotation.SKIP, null));
            assertTrue(!sv.hasAttribute("ZNF1_diff"));
            assertEquals("DEL", sv.getAttributeAsString("SVTYPE", null));
            VariantContext mix = records.get(2);
            assertEquals(List.of(".", "0.25"), mix.getAttributeAsStringList("ZNF1_alt", null));
            assertEquals(List.of("spanning_deletion", "."), mix.getAttributeAsStringList(EffectAnnotation.SKIP, null));
        }

        List<String> rows = Files.readAllLines(tsv);
        List<String> header = List.of(rows.get(0).split("\t"));
        assertEquals(List.of("chrom", "pos", "id", "ref", "alt", "status"), header.subList(0, 6));
        assertEquals(6 + FACTORS.size() * EffectScore.available(null).size(), header.size());
        assertEquals(6, rows.size(), "one row per ALT allele and a header");
        String[] g = rows.get(2).split("\t");
        assertEquals(List.of("chr1", "100", "snv", "A", "G", "scored"), List.of(g).subList(0, 6));
        assertEquals(1.0f, Float.parseFloat(g[header.indexOf("2-odd name_alt")]));
        assertEquals(1.0f - 0.5f, Float.parseFloat(g[header.indexOf("2-odd name_diff")]));
        String[] star = rows.get(4).split("\t");
        assertEquals("spanning_deletion", star[5]);
        assertEquals("NA", star[header.indexOf("ZNF1_ref")]);
    }

    @Test
    void logOddsAreClippedAndScoreNamesParsed() {
        VariantEffect effect = new VariantEffect(new float[] {0f}, new float[] {1f}, null);
        assertEquals(logit(1 - 1e-7) - logit(1e-7), EffectScore.LOGODDS.of(effect, 0, null), 1e-3);
        assertEquals(1f, EffectScore.DIFF.of(effect, 0, null));
        assertEquals(EffectScore.LOGODDS, EffectScore.parse("LogOdds"));
        assertThrows(InputException.class, () -> EffectScore.parse("ratio"));
    }

    @Test
    void infoKeysAreValidVcfKeys() {
        assertEquals("_2_odd_name_diff", EffectAnnotation.key("2-odd name", EffectScore.DIFF));
        assertEquals("ZNF1.2_ref", EffectAnnotation.key("ZNF1.2", EffectScore.REF));
    }

    private static VariantRecord record(VcfLineReader.Record record, List<String> reasons) {
        SequenceWindow window = new SequenceWindow(new Window("chr1", 0, 10), new byte[10], 0);
        List<SequenceWindow> alternatives = reasons.stream().map(r -> r == null ? window : null).toList();
        return new VariantRecord(record, window, alternatives, reasons, 2);
    }

    private static float logit(double p) {
        return (float) Math.log(p / (1 - p));
    }

    private static void assertFloats(VariantContext record, String key, float... expected) {
        List<String> values = record.getAttributeAsStringList(key, null);
        assertEquals(expected.length, values.size(), key);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], Float.parseFloat(values.get(i)), 1e-5, key + " allele " + i);
        }
    }
}
