package org.zinfer.scoring.variant;

import org.zinfer.formats.io.AtomicOutput;
import org.zinfer.formats.track.Values;
import org.zinfer.formats.variant.VcfLineReader;
import org.zinfer.scoring.calibration.Calibration;
import org.zinfer.scoring.model.FactorModel;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The TSV side output of zinfer variants: one row per ALT allele with every score of every chosen factor (the
 * p-value too when the model's calibration allows it).
 */
public final class EffectTable implements AutoCloseable {
    private final AtomicOutput output;
    private final BufferedWriter writer;
    private final List<Integer> factors;
    private final Calibration calibration;
    private final List<EffectScore> scores;
    private final StringBuilder line = new StringBuilder();

    public EffectTable(Path target, FactorModel model, List<Integer> factors) {
        this.output = new AtomicOutput(target);
        this.factors = factors;
        this.calibration = model.metadata().calibration();
        this.scores = EffectScore.available(calibration);
        try {
            this.writer = Files.newBufferedWriter(output.temporary(), StandardCharsets.UTF_8);
            StringBuilder header = new StringBuilder("chrom\tpos\tid\tref\talt\tstatus");
            for (int factor : factors) {
                for (EffectScore score : scores) {
                    header.append('\t').append(model.factors().get(factor)).append('_').append(score.suffix());
                }
            }
            writer.write(header.append('\n').toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    void add(VcfLineReader.Record record, List<VariantEffect> effects) {
        var variant = record.variant();
        for (int a = 0; a < effects.size(); a++) {
            VariantEffect effect = effects.get(a);
            line.setLength(0);
            line.append(variant.getContig()).append('\t').append(variant.getStart()).append('\t').append(variant.getID())
                    .append('\t').append(variant.getReference().getDisplayString())
                    .append('\t').append(variant.getAlternateAllele(a).getDisplayString())
                    .append('\t').append(effect.scored() ? "scored" : effect.skipped());
            for (int factor : factors) {
                for (EffectScore score : scores) {
                    line.append('\t');
                    if (effect.scored()) {
                        Values.appendFloat(line, score.of(effect, factor, calibration));
                    } else {
                        line.append("NA");
                    }
                }
            }
            try {
                writer.write(line.append('\n').toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + output.target(), e);
            }
        }
    }

    public void commit() {
        try {
            writer.close();
            output.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output.target(), e);
        }
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException ignored) {
            // abandoned temporary file, deleted next
        }
        output.close();
    }
}
