package org.zinfer.formats.genome;

import htsjdk.samtools.reference.FastaSequenceIndexCreator;
import org.zinfer.formats.io.AtomicOutput;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Plain FASTA in lines of 60 bases, with its samtools .fai index. */
public final class FastaWriter {
    private static final int LINE = 60;

    private FastaWriter() {
    }

    /** One record: the header line and the bases in lines of 60. */
    public static void writeRecord(Writer out, String name, byte[] bases) throws IOException {
        out.write(">" + name + "\n");
        for (int i = 0; i < bases.length; i += LINE) {
            out.write(new String(bases, i, Math.min(LINE, bases.length - i), StandardCharsets.US_ASCII));
            out.write('\n');
        }
    }

    /** The contigs, in the map's order, as FASTA with its .fai beside it; both appear complete or not at all. */
    public static void write(Map<String, byte[]> contigs, Path fasta) {
        try (AtomicOutput fastaOut = new AtomicOutput(fasta); AtomicOutput indexOut = new AtomicOutput(fasta.resolveSibling(fasta.getFileName() + ".fai"))) {
            try (BufferedWriter out = Files.newBufferedWriter(fastaOut.temporary(), StandardCharsets.US_ASCII)) {
                for (Map.Entry<String, byte[]> contig : contigs.entrySet()) {
                    writeRecord(out, contig.getKey(), contig.getValue());
                }
            }
            FastaSequenceIndexCreator.buildFromFasta(fastaOut.temporary()).write(indexOut.temporary());
            fastaOut.commit();
            indexOut.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write FASTA " + fasta, e);
        }
    }
}
