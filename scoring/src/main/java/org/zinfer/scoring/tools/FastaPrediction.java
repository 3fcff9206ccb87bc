package org.zinfer.scoring.tools;

import org.zinfer.formats.InputException;
import org.zinfer.formats.genome.FastaRecord;
import org.zinfer.formats.genome.FastaRecords;
import org.zinfer.formats.io.AtomicOutput;
import org.zinfer.formats.track.Values;
import org.zinfer.scoring.engine.ProgressMeter;
import org.zinfer.scoring.engine.ScoreSink;
import org.zinfer.scoring.engine.ScoringEngine;
import org.zinfer.scoring.engine.WindowScorer;
import org.zinfer.scoring.model.FactorModel;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * zinfer predict: scores each record of a FASTA file (each exactly one window long) and writes a TSV with a
 * header 'name' plus one column per factor; values are the shortest decimals that read back as the same
 * float (at least 7 significant digits of precision).
 */
public final class FastaPrediction {
    private FastaPrediction() {
    }

    /** reverseComplement: each record's scores are the mean of its two strands'. Returns the records scored. */
    public static long run(FactorModel model, Path fasta, Path out, WindowScorer scorer, int batchSize, boolean reverseComplement, PrintStream log) {
        try (FastaRecords records = new FastaRecords(fasta, model.windowLength());
             AtomicOutput output = new AtomicOutput(out);
             BufferedWriter writer = Files.newBufferedWriter(output.temporary(), StandardCharsets.UTF_8)) {
            writer.write("name\t" + String.join("\t", model.factors()) + "\n");
            StringBuilder line = new StringBuilder();
            ScoreSink<FastaRecord> sink = (record, scores, offset) -> {
                line.setLength(0);
                line.append(record.name());
                for (int f = 0; f < scorer.outputs(); f++) {
                    line.append('\t');
                    Values.appendFloat(line, scores[offset + f]);
                }
                line.append('\n');
                try {
                    writer.write(line.toString());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + out, e);
                }
            };
            ProgressMeter progress = log == null ? ProgressMeter.silent() : new ProgressMeter(log, "records", 0, 10);
            long scored = new ScoringEngine(scorer, model.windowLength(), batchSize).run(records, record -> 0, sink, progress, reverseComplement)
                    / (reverseComplement ? 2 : 1);
            if (scored == 0) {
                throw new InputException("FASTA file " + fasta + " holds no records to score");
            }
            writer.close();
            output.commit();
            return scored;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
    }
}
