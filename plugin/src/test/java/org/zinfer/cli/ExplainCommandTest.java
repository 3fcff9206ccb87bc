package org.zinfer.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zinfer.testing.SyntheticGenome;
import org.zinfer.testing.BigWigReaders;
import org.zinfer.testing.TestEnvironment;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * zinfer explain on the demo genome with the built-in model: over the window centred on an implanted ZNF274 site
 * (demo-genome.sites.bed: chrDemo1 2423-2435), every method puts most of ZNF274's positive contribution on the site
 * and the gradient methods agree with ISM; the bigWig holds what the table holds.
 */
class ExplainCommandTest {
    private static final String FASTA = TestEnvironment.root().resolve("test-data/demo-genome.fa").toString();
    private static final int WINDOW_START = 1929;
    private static final int SITE_START = 2423;
    private static final int SITE_END = 2435;

    @TempDir
    Path dir;

    @Test
    void everyMethodPointsAtTheSite() throws IOException {
        double[] integrated = contributions("integrated-gradients", "ZNF274");
        double[] gradient = contributions("gradient", "ZNF274");
        double[] ism = contributions("ism", "ZNF274");
        for (double[] values : List.of(integrated, gradient, ism)) {
            double positive = Arrays.stream(values).map(v -> Math.max(v, 0)).sum();
            double near = 0;
            for (int at = SITE_START - 15; at < SITE_END + 15; at++) {
                near += Math.max(values[at - WINDOW_START], 0);
            }
            assertTrue(near / positive >= 0.5, "share of the positive contribution within 15 nt of the site: " + near / positive);
        }
        for (double[] values : List.of(integrated, gradient)) {
            double r = pearson(values, ism);
            assertTrue(r >= 0.7, "Pearson correlation with ISM: " + r);
        }
    }

    @Test
    void theBigWigHoldsTheTablesValuesBaseByBase() throws IOException {
        double[] table = contributions("gradient", "ZNF274");
        List<BigWigReaders.Interval> read = BigWigReaders.intervals(BigWigReaders.pyBigWig(dir.resolve("gradient/ZNF274.contrib.bw")));
        assertEquals(1000, read.size());
        for (int i = 0; i < read.size(); i++) {
            BigWigReaders.Interval interval = read.get(i);
            assertEquals(WINDOW_START + i, interval.start());
            assertEquals(interval.start() + 1, interval.end());
            assertEquals((float) table[i], (float) interval.value(), "base " + interval.start());
        }
    }

    @Test
    void plotsALogoPerFactorAndRegion() throws IOException {
        Path out = dir.resolve("plot");
        CommandRunner.Outcome outcome = CommandRunner.run("explain", "-f", FASTA, "-r", "chrDemo1:2401-2460", "--factor", "ZNF274",
                "--plot", "-o", out.toString());
        assertEquals(0, outcome.exitCode(), outcome.stderr());
        BufferedImage logo = ImageIO.read(out.resolve("ZNF274.contrib.chrDemo1_2401-2460.png").toFile());
        long coloured = 0;
        for (int x = 0; x < logo.getWidth(); x++) {
            for (int y = 0; y < logo.getHeight(); y++) {
                Color pixel = new Color(logo.getRGB(x, y));
                coloured += pixel.getRed() != pixel.getGreen() || pixel.getGreen() != pixel.getBlue() ? 1 : 0;
            }
        }
        assertTrue(coloured > 1000, "letters drawn: " + coloured + " coloured pixels");
        assertEquals(List.of("ZNF274.contrib.bw", "ZNF274.contrib.chrDemo1_2401-2460.png", "contributions.tsv"),
                Files.list(out).map(p -> p.getFileName().toString()).sorted().toList(), "one factor asked for, one factor written");
        CommandRunner.assertFails(dir.resolve("long"), "--plot draws regions of at most 1000 bases; chrDemo1:1-2000 has 2000",
                "explain", "-f", FASTA, "-r", "chrDemo1:1-2000", "--plot", "-o", dir.resolve("long").toString());
        CommandRunner.assertFails(dir.resolve("factor"), "--factor ZNF1 is not a factor of model",
                "explain", "-f", FASTA, "-r", "chrDemo1:1-200", "--factor", "ZNF1", "-o", dir.resolve("factor").toString());
    }

    /**
     * With --reverse-complement a window and its reverse complement are the same input to the strand-averaged model:
     * base i of one gets the value of base L-1-i of the other, by either method.
     */
    @ParameterizedTest
    @ValueSource(strings = {"integrated-gradients", "gradient", "ism"})
    void bothStrandsGiveTheReverseComplementMirroredValues(String method) throws IOException {
        String forward = SyntheticGenome.random(new Random(8), 1000);
        StringBuilder reverse = new StringBuilder();
        for (int i = forward.length() - 1; i >= 0; i--) {
            reverse.append("TGCA".charAt("ACGT".indexOf(forward.charAt(i))));
        }
        Path fasta = SyntheticGenome.write(dir.resolve("pair.fa"), new LinkedHashMap<>(Map.of("fwd", forward, "rev", reverse.toString())));
        Path out = dir.resolve(method + "-both");
        CommandRunner.Outcome outcome = CommandRunner.run("explain", "-f", fasta.toString(), "--factor", "CTCF", "--factor", "REST",
                "--step", "1000", "--method", method, "--reverse-complement", "-o", out.toString());
        assertEquals(0, outcome.exitCode(), outcome.stderr());
        List<String> lines = Files.readAllLines(out.resolve("contributions.tsv"));
        assertEquals(2001, lines.size());
        for (int i = 0; i < 1000; i++) {
            String[] a = lines.get(1 + i).split("\t");
            String[] b = lines.get(1 + 1000 + 999 - i).split("\t");
            for (int c = 3; c < 5; c++) {
                assertEquals(Double.parseDouble(a[c]), Double.parseDouble(b[c]), 1e-4, "base " + i + ", column " + c);
            }
        }
    }

    @Test
    void refusesAnUnknownMethod() throws IOException {
        CommandRunner.assertFails(dir.resolve("out"), "--method must be integrated-gradients, gradient or ism, not shap",
                "explain", "-f", FASTA, "-r", "chrDemo1:1-1000", "--method", "shap", "-o", dir.resolve("out").toString());
        CommandRunner.assertFails(dir.resolve("steps"), "--integration-steps must be 1 or more, got 0",
                "explain", "-f", FASTA, "-r", "chrDemo1:1-1000", "--integration-steps", "0", "-o", dir.resolve("steps").toString());
    }

    /** One factor's contributions over the 1000-nt window [WINDOW_START, +1000), from contributions.tsv. */
    private double[] contributions(String method, String factor) throws IOException {
        Path out = dir.resolve(method);
        CommandRunner.Outcome outcome = CommandRunner.run("explain", "-f", FASTA, "-r", "chrDemo1:" + (WINDOW_START + 1) + "-" + (WINDOW_START + 1000),
                "--step", "1000", "--method", method, "-o", out.toString());
        assertEquals(0, outcome.exitCode(), outcome.stderr());
        List<String> lines = Files.readAllLines(out.resolve("contributions.tsv"));
        int column = Arrays.asList(lines.get(0).split("\t")).indexOf(factor);
        double[] values = new double[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            String[] fields = lines.get(i).split("\t");
            assertEquals(WINDOW_START + i, Integer.parseInt(fields[1]), "1-based positions, in order");
            values[i - 1] = Double.parseDouble(fields[column]);
        }
        assertEquals(1000, values.length);
        return values;
    }

    private static double pearson(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElseThrow();
        double my = Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
