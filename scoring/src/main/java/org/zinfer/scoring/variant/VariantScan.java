package org.zinfer.scoring.variant;

import org.zinfer.formats.InputException;
import org.zinfer.formats.genome.Contig;
import org.zinfer.formats.genome.ReferenceGenome;
import org.zinfer.formats.genome.SequenceWindow;
import org.zinfer.formats.genome.Window;
import org.zinfer.formats.variant.AnnotatedVcfWriter;
import org.zinfer.formats.variant.ContigNames;
import org.zinfer.formats.variant.VcfLineReader;
import org.zinfer.scoring.engine.ProgressMeter;
import org.zinfer.scoring.engine.ScoreSink;
import org.zinfer.scoring.engine.ScoringEngine;
import org.zinfer.scoring.engine.WindowScorer;
import org.zinfer.scoring.model.FactorModel;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * zinfer variants: streams a sorted VCF, scores the reference and alternative windows of every ALT allele
 * with the same engine as zinfer scan, and writes every input record, in order, to a bgzipped, tabix-indexed
 * VCF with per-factor INFO fields (and optionally a TSV of all scores). Records wait in a queue only while
 * their windows are being scored, so memory does not grow with the VCF.
 */
public final class VariantScan {

    /** factors: indices into the model's outputs to report. strands 2 averages with the reverse complement. */
    public record Options(Path fasta, Path vcf, Path out, Path tsv, List<EffectScore> scores, List<Integer> factors,
                          boolean reverseComplement, int batchSize) {
    }

    public record Summary(long records, long alleles, long scored, Map<String, Long> skipped, double seconds) {
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
            annotation.checkAgainst(vcf.header(), options.vcf());
            try (AnnotatedVcfWriter out = new AnnotatedVcfWriter(options.out(), vcf.headerLines(), annotation.headerLines());
                 EffectTable table = options.tsv() == null ? null : new EffectTable(options.tsv(), model, options.factors())) {
                Records records = new Records(vcf, new VariantWindows(genome, names, model.windowLength()),
                        options.reverseComplement() ? 2 : 1, model.factors().size(), annotation, out, table);
                ProgressMeter progress = new ProgressMeter(log, "windows", 0, 10);
                new ScoringEngine(scorer, model.windowLength(), options.batchSize()).run(records, records, progress);
                records.flush();
                if (records.count > 0 && records.skipped.getOrDefault("unknown_contig", 0L) == records.alleles) {
                    throw new InputException("none of the contigs of " + options.vcf() + " is in " + options.fasta()
                            + " (it has " + genome.contigs().stream().map(Contig::name).limit(5).collect(Collectors.joining(", ")) + ")");
                }
                if (table != null) {
                    table.commit();
                }
                out.commit();
                return new Summary(records.count, records.alleles, records.scored, records.skipped, progress.seconds());
            }
        }
    }

    /** A record waiting for its windows' scores. */
    private static final class Pending {
        final VcfLineReader.Record record;
        final VariantWindows.Cut cut;
        final float[] ref;
        final float[][] alt;
        int outstanding;

        Pending(VcfLineReader.Record record, VariantWindows.Cut cut, int factors) {
            this.record = record;
            this.cut = cut;
            this.ref = new float[factors];
            this.alt = new float[cut.alternatives().size()][factors];
        }
    }

    /** Which record a queued window belongs to; allele -1 is the reference window. */
    private record Role(Pending pending, int allele) {
    }

    /**
     * The windows of the VCF's records in order (the engine's input) and the receiver of their scores (its
     * sink). Both run on the engine's calling thread; finished records are written from the head of the queue.
     */
    private static final class Records implements Iterator<SequenceWindow>, ScoreSink {
        private final VcfLineReader vcf;
        private final VariantWindows cutter;
        private final int strands;
        private final int factors;
        private final EffectAnnotation annotation;
        private final AnnotatedVcfWriter out;
        private final EffectTable table;
        private final ArrayDeque<Pending> queue = new ArrayDeque<>();
        private final ArrayDeque<Role> roles = new ArrayDeque<>();
        private final ArrayDeque<SequenceWindow> ready = new ArrayDeque<>();
        private final Map<String, Long> skipped = new TreeMap<>();
        private long count;
        private long alleles;
        private long scored;
        private boolean finished;

        Records(VcfLineReader vcf, VariantWindows cutter, int strands, int factors, EffectAnnotation annotation,
                AnnotatedVcfWriter out, EffectTable table) {
            this.vcf = vcf;
            this.cutter = cutter;
            this.strands = strands;
            this.factors = factors;
            this.annotation = annotation;
            this.out = out;
            this.table = table;
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty() && !finished) {
                VcfLineReader.Record record = vcf.next();
                if (record == null) {
                    finished = true;
                    break;
                }
                enqueue(record);
                flush();
            }
            return !ready.isEmpty();
        }

        @Override
        public SequenceWindow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }

        private void enqueue(VcfLineReader.Record record) {
            VariantWindows.Cut cut = cutter.cut(record);
            Pending pending = new Pending(record, cut, factors);
            queue.add(pending);
            if (cut.reference() == null || cut.reasons().stream().allMatch(r -> r != null)) {
                return;
            }
            add(pending, -1, cut.reference());
            for (int a = 0; a < cut.alternatives().size(); a++) {
                if (cut.alternatives().get(a) != null) {
                    add(pending, a, cut.alternatives().get(a));
                }
            }
        }

        private void add(Pending pending, int allele, SequenceWindow window) {
            ready.add(window);
            roles.add(new Role(pending, allele));
            pending.outstanding++;
            if (strands == 2) {
                ready.add(VariantWindows.reverseComplement(window));
                roles.add(new Role(pending, allele));
                pending.outstanding++;
            }
        }

        @Override
        public void accept(Window window, float[] scores, int offset) {
            Role role = roles.poll();
            float[] target = role.allele() < 0 ? role.pending().ref : role.pending().alt[role.allele()];
            for (int f = 0; f < factors; f++) {
                target[f] += scores[offset + f] / strands;
            }
            role.pending().outstanding--;
            flush();
        }

        /** Writes the finished records at the head of the queue. */
        void flush() {
            while (!queue.isEmpty() && queue.peek().outstanding == 0) {
                write(queue.poll());
            }
        }

        private void write(Pending pending) {
            List<VariantEffect> effects = new ArrayList<>();
            for (int a = 0; a < pending.alt.length; a++) {
                String reason = pending.cut.reasons().get(a);
                effects.add(reason != null ? VariantEffect.skipped(reason) : new VariantEffect(pending.ref, pending.alt[a], null));
                alleles++;
                if (reason == null) {
                    scored++;
                } else {
                    skipped.merge(reason, 1L, Long::sum);
                }
            }
            VcfLineReader.Record record = pending.record;
            out.add(record.line(), record.variant().getContig(), record.variant().getStart(), record.variant().getEnd(),
                    annotation.info(effects));
            if (table != null) {
                table.add(record, effects);
            }
            count++;
        }
    }
}
