package org.zinfer.scoring.simulation;

import org.zinfer.formats.InputException;
import org.zinfer.formats.encoding.OneHot;
import org.zinfer.formats.encoding.Sequences;
import org.zinfer.formats.genome.Contig;
import org.zinfer.formats.genome.ReferenceGenome;

import java.util.List;
import java.util.Random;

/**
 * Windows drawn uniformly from a genome (upper-cased, either strand), skipping any that hold a base other
 * than A, C, G, T.
 */
public final class GenomeBackground implements Background {
    private static final int ATTEMPTS = 10_000;
    private final ReferenceGenome genome;
    private final List<Contig> contigs;
    private final long[] cumulative;

    public GenomeBackground(ReferenceGenome genome, int length) {
        this.genome = genome;
        this.contigs = genome.contigs().stream().filter(c -> c.length() >= length).toList();
        if (contigs.isEmpty()) {
            throw new InputException("genome " + genome.path() + " has no contig of at least " + length + " nt to draw background from");
        }
        cumulative = new long[contigs.size()];
        long total = 0;
        for (int i = 0; i < contigs.size(); i++) {
            total += contigs.get(i).length() - length + 1;
            cumulative[i] = total;
        }
    }

    @Override
    public synchronized byte[] draw(Random random, int length) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long draw = (long) (random.nextDouble() * cumulative[cumulative.length - 1]);
            int c = 0;
            while (cumulative[c] <= draw) {
                c++;
            }
            int start = (int) (draw - (c == 0 ? 0 : cumulative[c - 1]));
            byte[] bases = genome.bases(contigs.get(c).name(), start, start + length);
            if (OneHot.countUnknown(bases, 0, length) == 0) {
                for (int i = 0; i < length; i++) {
                    bases[i] = (byte) Character.toUpperCase(bases[i]);
                }
                return random.nextBoolean() ? bases : Sequences.reverseComplement(bases);
            }
        }
        throw new InputException("genome " + genome.path() + ": no window of " + length + " nt without N found in " + ATTEMPTS + " draws");
    }

    @Override
    public String describe() {
        return "windows of genome " + genome.path().getFileName();
    }
}
