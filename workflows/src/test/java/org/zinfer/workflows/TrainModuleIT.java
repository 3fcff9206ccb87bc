package org.zinfer.workflows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.testing.TestEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ZINFER_TRAIN module (via train.nf) run by the real Nextflow on a small simulated dataset. */
class TrainModuleIT {
    @TempDir
    Path dir;

    @Test
    void trainsAModelBundleFromADataset() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = ScatteredScan.jar().toString();
        Path motifs = Files.writeString(dir.resolve("m.transfac"), "AC M1\nID ONE\nP0 A C G T\n01 9 0 1 0\n02 0 9 0 1\n03 1 0 9 0\n04 0 1 0 9\n05 9 0 0 1\n06 0 0 9 1\n//\n");
        Path data = dir.resolve("sim.h5");
        TestEnvironment.run(List.of(java, "-jar", jar, "simulate", "--motifs", motifs.toString(), "-n", "300", "--length", "200", "-o", data.toString()), 0);
        Path pipeline = TestEnvironment.root().resolve("workflows/nextflow");
        TestEnvironment.Result run = TestEnvironment.runIn(dir, List.of(pipeline.resolve("nextflow").toString(), "-log", dir.resolve(".nextflow.log").toString(),
                "run", pipeline.resolve("train.nf").toString(), "-profile", "test", "-work-dir", dir.resolve("work").toString(),
                "--train_h5", data.toString(), "--name", "tiny", "--zinfer_jar", jar, "--outdir", dir.resolve("results").toString(),
                "--train_args", "--architecture cnn --filters 4 --kernels 5 --dense 4 --epochs 2 --batch 50"), 0);
        Path model = dir.resolve("results/tiny.zinfer");
        assertTrue(Files.exists(model), run.stdout() + run.stderr());
        String info = TestEnvironment.run(List.of(java, "-jar", jar, "info", "-m", model.toString()), 0).stdout();
        assertTrue(info.contains("name:         tiny") && info.contains("factors:      1 (ONE)"), info);
        assertTrue(info.contains("source:       zinfer train: cnn trained from scratch on sim.h5 (300 windows, 1 factor), 2 epochs"), info);
    }
}
