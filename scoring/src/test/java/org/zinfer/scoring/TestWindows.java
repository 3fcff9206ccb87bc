package org.zinfer.scoring;

import org.zinfer.formats.genome.ReferenceGenome;
import org.zinfer.formats.motif.MotifMatrix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Sets of 1000-nt test windows of known kinds, written as FASTA records. */
public final class TestWindows {
    private final Random random;
    private final Map<String, String> windows = new LinkedHashMap<>();

    public TestWindows(long seed) {
        this.random = new Random(seed);
    }

    public Map<String, String> windows() {
        return windows;
    }

    /** Uniform random bases, some in lower case. */
    public TestWindows random(int count) {
        for (int i = 0; i < count; i++) {
            String bases = randomBases(1000);
            windows.put("random_" + i, i % 3 == 0 ? bases.toLowerCase() : bases);
        }
        return this;
    }

    /** Random windows with runs of N and single IUPAC codes; the last one is all N. */
    public TestWindows withUnknownBases(int count) {
        String iupac = "NRYKMSWBDHV";
        for (int i = 0; i < count - 1; i++) {
            char[] bases = randomBases(1000).toCharArray();
            int runs = 1 + random.nextInt(4);
            for (int r = 0; r < runs; r++) {
                int start = random.nextInt(1000);
                int length = random.nextInt(300);
                for (int p = start; p < Math.min(1000, start + length); p++) {
                    bases[p] = 'N';
                }
            }
            for (int k = 0; k < 20; k++) {
                bases[random.nextInt(1000)] = iupac.charAt(random.nextInt(iupac.length()));
            }
            windows.put("unknown_" + i, new String(bases));
        }
        windows.put("all_N", "N".repeat(1000));
        return this;
    }

    /** Tandem repeats of short random units (microsatellites, poly-A, longer periods). */
    public TestWindows repeats(int count) {
        for (int i = 0; i < count; i++) {
            String unit = randomBases(1 + random.nextInt(i % 4 == 0 ? 40 : 8));
            windows.put("repeat_" + i + "_" + (unit.length() > 8 ? unit.length() + "nt" : unit), unit.repeat(1000 / unit.length() + 1).substring(0, 1000));
        }
        return this;
    }

    /** Random windows with motif instances implanted (either strand) at random places. */
    public TestWindows withMotif(MotifMatrix motif, int count, int instances, String prefix) {
        for (int i = 0; i < count; i++) {
            char[] bases = randomBases(1000).toCharArray();
            for (int k = 0; k < instances; k++) {
                byte[] site = motif.sample(random);
                String text = new String(site, StandardCharsets.US_ASCII);
                if (random.nextBoolean()) {
                    text = reverseComplement(text);
                }
                int at = random.nextInt(1000 - site.length);
                text.getChars(0, text.length(), bases, at);
            }
            windows.put(prefix + "_" + i, new String(bases));
        }
        return this;
    }

    /** Windows of a real genome at random places in [from, to) of a contig, soft-masking kept. */
    public TestWindows real(ReferenceGenome genome, String contig, int from, int to, int count) {
        int taken = 0;
        while (taken < count) {
            int start = from + random.nextInt(to - from - 1000);
            String bases = new String(genome.bases(contig, start, start + 1000), StandardCharsets.US_ASCII);
            if (bases.chars().filter(c -> c == 'N' || c == 'n').count() > 500) {
                continue;
            }
            windows.put(contig + ":" + (start + 1) + "-" + (start + 1000), bases);
            taken++;
        }
        return this;
    }

    public Path writeFasta(Path file) {
        StringBuilder text = new StringBuilder();
        windows.forEach((name, bases) -> text.append('>').append(name).append('\n').append(bases).append('\n'));
        try {
            Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private String randomBases(int length) {
        char[] bases = new char[length];
        for (int i = 0; i < length; i++) {
            bases[i] = "ACGT".charAt(random.nextInt(4));
        }
        return new String(bases);
    }

    public static String reverseComplement(String bases) {
        StringBuilder out = new StringBuilder(bases.length());
        for (int i = bases.length() - 1; i >= 0; i--) {
            char c = bases.charAt(i);
            out.append(switch (c) {
                case 'A' -> 'T';
                case 'C' -> 'G';
                case 'G' -> 'C';
                case 'T' -> 'A';
                default -> c;
            });
        }
        return out.toString();
    }

    /** Reads a TSV of name + scores (header first) into rows of scores, in file order. */
    public static List<double[]> readScores(Path tsv) {
        try {
            List<double[]> rows = new ArrayList<>();
            List<String> lines = Files.readAllLines(tsv);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.split("\t");
                double[] row = new double[fields.length - 1];
                for (int i = 1; i < fields.length; i++) {
                    row[i - 1] = Double.parseDouble(fields[i]);
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The largest absolute difference between two equally shaped score tables. */
    public static double maxAbsDifference(List<double[]> a, List<double[]> b) {
        if (a.size() != b.size()) {
            throw new AssertionError("row counts differ: " + a.size() + " vs " + b.size());
        }
        double max = 0;
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).length != b.get(i).length) {
                throw new AssertionError("column counts differ in row " + i);
            }
            for (int j = 0; j < a.get(i).length; j++) {
                max = Math.max(max, Math.abs(a.get(i)[j] - b.get(i)[j]));
            }
        }
        return max;
    }
}
