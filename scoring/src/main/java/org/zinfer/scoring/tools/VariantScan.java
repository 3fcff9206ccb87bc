package org.zinfer.scoring.tools;

import org.zinfer.formats.InputException;
import org.zinfer.formats.genome.Contig;
import org.zinfer.formats.genome.ReferenceGenome;
import org.zinfer.formats.variant.AnnotatedVcfWriter;
import org.zinfer.formats.variant.ContigNames;
import org.zinfer.formats.track.WindowReading;
import org.zinfer.formats.variant.VcfLineReader;
import org.zinfer.scoring.engine.ProgressMeter;
import org.zinfer.scoring.engine.ScoringEngine;
import org.zinfer.scoring.engine.WindowScorer;
import org.zinfer.scoring.model.FactorModel;
import org.zinfer.scoring.variant.EffectAnnotation;
import org.zinfer.scoring.variant.EffectScore;
import org.zinfer.scoring.variant.EffectTable;
import org.zinfer.scoring.variant.EffectWriter;
import org.zinfer.scoring.variant.VariantRecords;
import org.zinfer.scoring.variant.VariantWindows;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * zinfer variants: streams a sorted VCF, scores the reference and alternative windows of every ALT allele
 * with the same engine as zinfer scan, and writes every input record, in order, to a bgzipped, tabix-indexed
 * VCF with per-factor INFO fields (and optionally a TSV of all scores). Data flows one way: VCF lines →
 * {@link VariantRecords} (each record with its windows, {@link VariantWindows}) → {@link ScoringEngine} (each
 * record back with its windows' scores, in order) → {@link EffectWriter} (effects, INFO fields, VCF and TSV).
 * A record is held only while its windows are in the engine, so memory does not grow with the VCF.
 */
public final class VariantScan {

    /**
     * factors: indices into the model's outputs to report; reverseComplement averages each score with the reverse
     * strand's; shifts: the scorer averages that many shifted copies.
     */
    public record Options(Path fasta, Path vcf, Path out, Path tsv, List<EffectScore> scores, List<Integer> factors,
                          boolean reverseComplement, int shifts, int batchSize) {
        WindowReading reading() {
            return new WindowReading(reverseComplement ? 2 : 1, shifts);
        }
    }

    /** recordsIn: records read; recordsOut: records written (the same once the scan has finished). */
    public record Summary(long recordsIn, long recordsOut, long alleles, long scored, Map<String, Long> skipped, double seconds) {
        public double variantsPerSecond() {
            return seconds > 0 ? scored / seconds : 0;
        }
    }

    private VariantScan() {
    }

    public static Summary run(FactorModel model, Options options, WindowScorer scorer, PrintStream log) {
        try (ReferenceGenome genome = ReferenceGenome.open(options.fasta());
             VcfLineReader vcf = new VcfLineReader(options.vcf())) {
            Set<String> fastaNames = genome.contigs().stream().map(Contig::name).collect(Collectors.toSet());
            ContigNames names = new ContigNames(fastaNames, message -> log.println("zinfer: " + message));
            EffectAnnotation annotation = new EffectAnnotation(model, options.scores(), options.factors());
            WindowReading calibrated = options.scores().contains(EffectScore.PVALUE) ? model.metadata().calibration().reading() : null;
            if (calibrated != null && !calibrated.equals(options.reading())) {
                throw new InputException("the model's calibration was made with " + calibrated.flags() + ", these variants are scored with "
                        + options.reading().flags() + "; calibrate as variants scores");
            }
            annotation.checkAgainst(vcf.header(), options.vcf());
            try (AnnotatedVcfWriter out = new AnnotatedVcfWriter(options.out(), vcf.headerLines(), annotation.headerLines());
                 EffectTable table = options.tsv() == null ? null : new EffectTable(options.tsv(), model, options.factors())) {
                VariantRecords records = new VariantRecords(vcf, new VariantWindows(genome, names, model.windowLength(),
                        options.reverseComplement() ? 2 : 1));
                EffectWriter effects = new EffectWriter(model.factors().size(), annotation, out, table);
                ProgressMeter progress = new ProgressMeter(log, "windows", 0, 10);
                new ScoringEngine(scorer, model.windowLength(), options.batchSize()).run(records, effects, progress);
                if (records.read() > 0 && effects.skipped().getOrDefault(VariantWindows.UNKNOWN_CONTIG, 0L) == effects.alleles()) {
                    throw new InputException("none of the contigs of " + options.vcf() + " is in " + options.fasta()
                            + " (it has " + genome.contigs().stream().map(Contig::name).limit(5).collect(Collectors.joining(", ")) + ")");
                }
                if (table != null) {
                    table.commit();
                }
                out.commit();
                return new Summary(records.read(), effects.written(), effects.alleles(), effects.scored(), effects.skipped(), progress.seconds());
            }
        }
    }
}
