package org.zinfer.scoring.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.formats.genome.ReferenceGenome;
import org.zinfer.scoring.bundle.ModelBundle;
import org.zinfer.scoring.bundle.ModelLoader;
import org.zinfer.scoring.calibration.Calibration;
import org.zinfer.scoring.calibration.NullDistributionTest;
import org.zinfer.scoring.compute.Scorers;
import org.zinfer.scoring.engine.ProgressMeter;
import org.zinfer.scoring.engine.ScoringEngine;
import org.zinfer.scoring.engine.WindowScorer;
import org.zinfer.scoring.model.FactorModel;
import org.zinfer.testing.SyntheticGenome;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * zinfer calibrate with the built-in model on a random genome: the calibration goes into the bundle and back, and
 * null windows drawn with another seed get p-values close to uniform (Kolmogorov-Smirnov, per factor).
 */
class CalibrateTest {
    @TempDir
    Path dir;

    @Test
    void nullWindowsOfAnotherSeedGetUniformPValues() {
        // a genome of 2 Mb, not the 100-kb demo genome: there 4,000 windows overlap 40-fold, and overlapping windows
        // share their composition (an implanted site's dinucleotides survive the shuffle), so their scores are not
        // independent draws and the test's sampling assumptions fail (KS 0.065 for one factor)
        Path fasta = SyntheticGenome.write(dir.resolve("genome.fa"), Map.of("chrA", SyntheticGenome.random(new Random(5), 1_200_000),
                "chrB", SyntheticGenome.random(new Random(6), 800_000)));
        FactorModel model = ModelLoader.loadDefault();
        WindowScorer scorer = Scorers.forModel(model, true, 2, 256);
        Path output = dir.resolve("calibrated.zinfer");
        Calibration calibration = Calibrate.run(model, scorer, new Calibrate.Options(fasta, 4000, 1, output, 256, false, 1), new PrintStream(OutputStream.nullOutputStream()));
        FactorModel reread = ModelBundle.read(output);
        assertEquals(29, reread.metadata().calibration().factors().size());
        assertEquals(calibration.factors().get(3).tailScale(), reread.metadata().calibration().factors().get(3).tailScale());
        assertTrue(reread.metadata().calibration().method().contains("genome.fa"));

        List<float[]> fresh = new ArrayList<>();
        try (ReferenceGenome genome = ReferenceGenome.open(fasta)) {
            Calibrate.NullWindows windows = new Calibrate.NullWindows(genome, 1000, new Calibrate.Options(fasta, 2000, 2, output, 256, false, 1));
            new ScoringEngine(scorer, 1000, 256).run(windows, (Calibrate.NullWindow w, float[] values, int offset) ->
                    fresh.add(Arrays.copyOfRange(values, offset, offset + 29)), ProgressMeter.silent());
        }
        double worst = 0;
        for (int f = 0; f < 29; f++) {
            double[] p = new double[fresh.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = reread.metadata().calibration().pValue(f, fresh.get(i)[f]);
            }
            worst = Math.max(worst, NullDistributionTest.kolmogorovSmirnov(p));
        }
        // two samples of 4,000 and 2,000: 1.95 sqrt(1/4000 + 1/2000) = 0.053 at the 0.1% level
        assertTrue(worst < 0.053, "largest KS distance over the 29 factors: " + worst);
    }
}
