package org.zinfer.scoring.variant;

import org.zinfer.formats.variant.AnnotatedVcfWriter;
import org.zinfer.formats.variant.VcfLineReader;
import org.zinfer.scoring.engine.ScoreSink;
import org.zinfer.scoring.engine.StrandMean;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Receives each VCF record with its windows' scores, in file order, turns them into one {@link VariantEffect}
 * per ALT allele (averaging the strands) and writes the record with its INFO fields (and its TSV rows).
 */
public final class EffectWriter implements ScoreSink<VariantRecord> {
    private final int outputs;
    private final EffectAnnotation annotation;
    private final AnnotatedVcfWriter out;
    private final EffectTable table;
    private final Map<String, Long> skipped = new TreeMap<>();
    private long written;
    private long alleles;
    private long scored;

    /** table may be null (no TSV). */
    public EffectWriter(int outputs, EffectAnnotation annotation, AnnotatedVcfWriter out, EffectTable table) {
        this.outputs = outputs;
        this.annotation = annotation;
        this.out = out;
        this.table = table;
    }

    @Override
    public void accept(VariantRecord item, float[] scores, int offset) {
        List<VariantEffect> effects = effects(item, scores, offset);
        VcfLineReader.Record record = item.record();
        out.add(record.line(), record.variant().getContig(), record.variant().getStart(), record.variant().getEnd(),
                annotation.info(effects));
        if (table != null) {
            table.add(record, effects);
        }
        written++;
    }

    /** Scores come as the item lays its windows out: REF, then each scorable ALT, every one strand after strand. */
    private List<VariantEffect> effects(VariantRecord item, float[] scores, int offset) {
        List<VariantEffect> effects = new ArrayList<>();
        float[] ref = item.windows() == 0 ? null : StrandMean.of(scores, offset, item.strands(), outputs);
        int window = 1;
        for (String reason : item.reasons()) {
            alleles++;
            if (reason == null) {
                float[] alt = StrandMean.of(scores, offset + window * item.strands() * outputs, item.strands(), outputs);
                effects.add(new VariantEffect(ref, alt, null));
                window++;
                scored++;
            } else {
                effects.add(VariantEffect.skipped(reason));
                skipped.merge(reason, 1L, Long::sum);
            }
        }
        return effects;
    }

    public long written() {
        return written;
    }

    public long alleles() {
        return alleles;
    }

    public long scored() {
        return scored;
    }

    public Map<String, Long> skipped() {
        return skipped;
    }
}
