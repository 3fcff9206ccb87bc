package org.zinfer.cli;

import org.zinfer.formats.InputException;
import org.zinfer.scoring.model.FactorModel;
import org.zinfer.scoring.variant.EffectScore;
import org.zinfer.scoring.tools.VariantScan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

@Command(name = "variants", mixinStandardHelpOptions = true,
        description = {"Score every ALT allele of a VCF for every factor; write the VCF back (bgzip + tabix) with INFO fields.",
                "The REF window has the record's first REF base at index 500; the ALT window keeps the left flank and that"
                        + " anchor, puts ALT in place of REF, and lets the right flank take up the length difference."})
final class VariantsCommand implements Callable<Integer> {
    @Mixin
    ModelOptions model;

    @Option(names = {"-f", "--fasta"}, required = true, paramLabel = "FILE", description = "Indexed genome FASTA the VCF refers to.")
    Path fasta;

    @Option(names = "--vcf", required = true, paramLabel = "FILE", description = "Sorted VCF (plain, gzip or bgzip).")
    Path vcf;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "VCF to write (.vcf.gz; a .tbi index is written beside it).")
    Path out;

    @Option(names = "--scores", split = ",", defaultValue = "diff", paramLabel = "SCORE",
            description = "INFO fields per factor: ref, alt, diff (alt - ref), logodds, pvalue (of |alt - ref| among random SNVs;"
                    + " needs a model made by zinfer calibrate) (default: ${DEFAULT-VALUE}).")
    List<String> scores;

    @Option(names = "--factors", split = ",", paramLabel = "NAME", description = "Only these factors (default: all).")
    List<String> factors;

    @Mixin
    StrandOptions strands;

    @Mixin
    ShiftOptions shifts;

    @Option(names = "--tsv", paramLabel = "FILE", description = "Also write every score of every allele as TSV.")
    Path tsv;

    @Override
    public Integer call() {
        FactorModel loaded = model.load(System.err);
        List<EffectScore> chosen = scores.stream().map(EffectScore::parse).distinct().toList();
        VariantScan.Options options = new VariantScan.Options(fasta, vcf, out, tsv, chosen, factorIndices(loaded),
                strands.reverseComplement, shifts.shifts, model.batch());
        VariantScan.Summary summary = VariantScan.run(loaded, options, model.scorer(loaded, shifts.shifts, System.err), System.err);
        System.err.printf("zinfer: %,d records in, %,d out; %,d of %,d ALT alleles scored in %.1f s (%,.0f variants/s)%s%n",
                summary.recordsIn(), summary.recordsOut(), summary.scored(), summary.alleles(), summary.seconds(),
                summary.variantsPerSecond(), summary.skipped().isEmpty() ? "" : "; not scored: " + summary.skipped());
        return 0;
    }

    private List<Integer> factorIndices(FactorModel loaded) {
        if (factors == null) {
            return IntStream.range(0, loaded.factors().size()).boxed().toList();
        }
        List<Integer> indices = new ArrayList<>();
        for (String name : factors) {
            int index = loaded.factors().indexOf(name);
            if (index < 0) {
                throw new InputException("--factors: the model has no factor '" + name + "' (it has " + String.join(", ", loaded.factors()) + ")");
            }
            indices.add(index);
        }
        return indices;
    }
}
