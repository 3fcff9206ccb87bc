package org.zinfer.testing;

import htsjdk.samtools.reference.FastaSequenceIndexCreator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

/** Writes small indexed FASTA files for tests. */
public final class SyntheticGenome {
    private SyntheticGenome() {
    }

    /** Writes contigs (name to sequence) as FASTA, 60 bases a line, with a .fai index. */
    public static Path write(Path fasta, Map<String, String> contigs) {
        StringBuilder text = new StringBuilder();
        contigs.forEach((name, sequence) -> {
            text.append('>').append(name).append('\n');
            for (int i = 0; i < sequence.length(); i += 60) {
                text.append(sequence, i, Math.min(sequence.length(), i + 60)).append('\n');
            }
        });
        try {
            Files.writeString(fasta, text, StandardCharsets.US_ASCII);
            FastaSequenceIndexCreator.create(fasta, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fasta;
    }

    public static String random(Random random, int length) {
        char[] bases = new char[length];
        for (int i = 0; i < length; i++) {
            bases[i] = "ACGT".charAt(random.nextInt(4));
        }
        return new String(bases);
    }
}
