package org.zinfer.scoring.simulation;

import htsjdk.samtools.reference.FastaSequenceIndexCreator;
import org.zinfer.formats.genome.FastaWriter;
import org.zinfer.formats.io.AtomicOutput;
import org.zinfer.formats.motif.MotifMatrix;
import org.zinfer.scoring.simulation.GenomeSimulator.SimulatedContig;
import org.zinfer.scoring.simulation.MotifImplanter.ImplantedSite;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a simulated genome as FASTA (60 nt a line) with its .fai, and its implanted sites as BED6. */
public final class SimulatedGenomeWriter {
    private SimulatedGenomeWriter() {
    }

    /** Returns the BED file of sites, named after the FASTA (genome.fa → genome.sites.bed). */
    public static Path write(List<SimulatedContig> contigs, List<MotifMatrix> motifs, Path fasta) {
        Path bed = fasta.resolveSibling(fasta.getFileName().toString().replaceFirst("\\.(fa|fasta|fna)$", "") + ".sites.bed");
        Path index = fasta.resolveSibling(fasta.getFileName() + ".fai");
        try (AtomicOutput fastaOut = new AtomicOutput(fasta); AtomicOutput bedOut = new AtomicOutput(bed); AtomicOutput indexOut = new AtomicOutput(index)) {
            try (BufferedWriter out = Files.newBufferedWriter(fastaOut.temporary(), StandardCharsets.US_ASCII);
                 BufferedWriter sites = Files.newBufferedWriter(bedOut.temporary(), StandardCharsets.US_ASCII)) {
                for (SimulatedContig contig : contigs) {
                    FastaWriter.writeRecord(out, contig.contig().name(), contig.bases());
                    for (ImplantedSite site : contig.sites()) {
                        MotifMatrix motif = motifs.get(site.factor());
                        sites.write(contig.contig().name() + "\t" + site.start() + "\t" + site.end() + "\t" + motif.name()
                                + "\t0\t" + (site.minusStrand() ? "-" : "+") + "\n");
                    }
                }
            }
            FastaSequenceIndexCreator.buildFromFasta(fastaOut.temporary()).write(indexOut.temporary());
            fastaOut.commit();
            indexOut.commit();
            bedOut.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write simulated genome " + fasta, e);
        }
        return bed;
    }
}
