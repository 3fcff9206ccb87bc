package org.zinfer.scoring.variant;

import htsjdk.variant.vcf.VCFHeader;
import org.zinfer.formats.InputException;
import org.zinfer.formats.track.Values;
import org.zinfer.scoring.bundle.Version;
import org.zinfer.scoring.model.FactorModel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The INFO fields zinfer variants adds: FACTOR_SCORE (Number=A, Float) for each chosen factor and score, and
 * ZINFER_SKIP (Number=A, String) giving, per ALT allele, why it was not scored ('.' when it was). Numbers
 * are written by zinfer itself, as the shortest decimal that reads back as the same float.
 */
public final class EffectAnnotation {
    static final String SKIP = "ZINFER_SKIP";
    private final FactorModel model;
    private final List<EffectScore> scores;
    private final List<Integer> factors;
    private final List<String> keys = new ArrayList<>();

    public EffectAnnotation(FactorModel model, List<EffectScore> scores, List<Integer> factors) {
        if (!EffectScore.available(model.metadata().calibration()).containsAll(scores)) {
            throw new InputException("--scores pvalue needs a model calibrated with SNV effects; model " + model.metadata().name()
                    + " has " + (model.metadata().calibration() == null ? "no calibration" : "a calibration made without them")
                    + " (make one with zinfer calibrate and give it with --model)");
        }
        this.model = model;
        this.scores = scores;
        this.factors = factors;
        for (int factor : factors) {
            for (EffectScore score : scores) {
                keys.add(key(model.factors().get(factor), score));
            }
        }
    }

    /** A valid VCF INFO key: letters, digits, '_' and '.', not starting with a digit. */
    static String key(String factor, EffectScore score) {
        String key = factor.replaceAll("[^0-9A-Za-z_.]", "_") + "_" + score.suffix();
        return Character.isDigit(key.charAt(0)) ? "_" + key : key;
    }

    /** Refuses a VCF that already has one of the fields (annotated by zinfer before, most likely). */
    public void checkAgainst(VCFHeader header, Path vcf) {
        List<String> all = new ArrayList<>(keys);
        all.add(SKIP);
        for (String key : all) {
            if (header.getInfoHeaderLine(key) != null) {
                throw new InputException(vcf + " already has an INFO field " + key
                        + " (annotated by zinfer before?); remove it first, e.g. bcftools annotate -x INFO/" + key);
            }
        }
    }

    public List<String> headerLines() {
        List<String> lines = new ArrayList<>();
        int k = 0;
        for (int factor : factors) {
            for (EffectScore score : scores) {
                lines.add("##INFO=<ID=" + keys.get(k++) + ",Number=A,Type=Float,Description=\"zinfer: " + score.meaning + " of "
                        + model.factors().get(factor) + " (model " + model.metadata().name() + ", " + model.windowLength()
                        + "-nt windows, first REF base at index " + model.windowLength() / 2 + ")\">");
            }
        }
        lines.add("##INFO=<ID=" + SKIP + ",Number=A,Type=String,Description=\"zinfer: why an ALT allele was not scored "
                + "(unknown_contig, ref_mismatch, off_contig, symbolic_allele, breakend, spanning_deletion), '.' if it was\">");
        lines.add("##zinfer_variants=<Version=\"" + Version.current() + "\",Model=\"" + model.metadata().name() + "\">");
        return lines;
    }

    /** The INFO entries of one record, from its alleles' effects. */
    List<String> info(List<VariantEffect> effects) {
        List<String> info = new ArrayList<>();
        if (effects.isEmpty()) {
            return info;
        }
        boolean anyScored = effects.stream().anyMatch(VariantEffect::scored);
        if (anyScored) {
            int k = 0;
            StringBuilder value = new StringBuilder();
            for (int factor : factors) {
                for (EffectScore score : scores) {
                    value.setLength(0);
                    value.append(keys.get(k++)).append('=');
                    for (int a = 0; a < effects.size(); a++) {
                        if (a > 0) {
                            value.append(',');
                        }
                        if (effects.get(a).scored()) {
                            Values.appendFloat(value, score.of(effects.get(a), factor, model.metadata().calibration()));
                        } else {
                            value.append('.');
                        }
                    }
                    info.add(value.toString());
                }
            }
        }
        if (effects.stream().anyMatch(e -> !e.scored())) {
            info.add(SKIP + "=" + String.join(",", effects.stream().map(e -> e.scored() ? "." : e.skipped()).toList()));
        }
        return info;
    }
}
