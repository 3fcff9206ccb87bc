package org.zinfer.scoring.simulation;

import org.zinfer.formats.genome.Contig;
import org.zinfer.formats.motif.MotifMatrix;
import org.zinfer.scoring.simulation.MotifImplanter.ImplantedSite;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A simulated genome for demos and tests: background contigs with motif instances implanted about every
 * {@code spacing} bases (a random factor each time), so that a scan has known sites to find.
 */
public final class GenomeSimulator {
    private final List<MotifMatrix> motifs;
    private final Background background;
    private final int spacing;

    public GenomeSimulator(List<MotifMatrix> motifs, Background background, int spacing) {
        if (spacing <= 2 * MotifImplanter.longest(motifs)) {
            throw new IllegalArgumentException("site spacing " + spacing + " is too small for motifs of " + MotifImplanter.longest(motifs) + " nt");
        }
        this.motifs = List.copyOf(motifs);
        this.background = background;
        this.spacing = spacing;
    }

    /** One simulated contig: its bases and the sites implanted in it. */
    public record SimulatedContig(Contig contig, byte[] bases, List<ImplantedSite> sites) {
    }

    public SimulatedContig contig(Contig contig, long seed) {
        Random random = new Random(seed ^ contig.name().hashCode());
        byte[] bases = background.draw(random, contig.length());
        boolean[] taken = new boolean[bases.length];
        List<ImplantedSite> sites = new ArrayList<>();
        for (int from = 0; from + spacing <= bases.length; from += spacing) {
            int factor = random.nextInt(motifs.size());
            ImplantedSite site = MotifImplanter.implant(bases, taken, from, from + spacing, factor, motifs.get(factor), random);
            if (site != null) {
                sites.add(site);
            }
        }
        return new SimulatedContig(contig, bases, sites);
    }
}
