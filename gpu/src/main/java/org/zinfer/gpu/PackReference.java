package org.zinfer.gpu;

import org.zinfer.formats.genome.FastaWriter;
import org.zinfer.formats.genome.ReferenceGenome;
import org.zinfer.scoring.bundle.ModelLoader;
import org.zinfer.scoring.inference.ConvLstmScorer;
import org.zinfer.scoring.model.FactorModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What benchmarks/gpu/pack.sh computes here, on the CPU, for the device check to compare against there (where
 * ND4J, and so the CPU engine's model loading, cannot go). Runs with ND4J; the device check reads its files
 * with {@link PackFiles} alone: a slice of a real genome as plain FASTA, windows cut
 * from it as channel codes, and each model's scores of those windows by the CPU engine.
 * <p>usage: PackReference GENOME.fa[.gz] CONTIG START END MODELS_DIR OUT_DIR WINDOWS
 */
public final class PackReference {
    private PackReference() {
    }

    public static void main(String[] args) throws IOException {
        Path genomeFile = Path.of(args[0]);
        String contig = args[1];
        int start = Integer.parseInt(args[2]);
        int end = Integer.parseInt(args[3]);
        Path models = Path.of(args[4]);
        Path out = Files.createDirectories(Path.of(args[5]));
        int count = Integer.parseInt(args[6]);
        byte[] slice;
        try (ReferenceGenome genome = ReferenceGenome.open(genomeFile)) {
            slice = genome.bases(contig, start, end);
        }
        String name = contig + "_" + start + "_" + end;
        FastaWriter.write(Map.of(name, slice), out.resolve(PackFiles.SLICE));
        byte[] channels = PackFiles.windows(slice, count);
        Files.write(out.resolve(PackFiles.WINDOWS), channels);
        List<String> lines = new ArrayList<>(List.of("model\toutputs"));
        try (Stream<Path> files = Files.list(models)) {
            for (Path h5 : files.filter(f -> f.toString().endsWith(".h5")).sorted().toList()) {
                FactorModel model = ModelLoader.load(h5);
                float[] scores = ConvLstmScorer.forModel(model, Runtime.getRuntime().availableProcessors(), 256).orElseThrow()
                        .score(channels, count);
                Files.write(out.resolve(h5.getFileName() + ".f32"), PackFiles.littleEndian(scores));
                lines.add(h5.getFileName() + "\t" + model.factors().size());
                System.err.printf("zinfer: reference scores of %d windows by %s%n", count, h5.getFileName());
            }
        }
        Files.write(out.resolve(PackFiles.REFERENCE), lines);
    }
}
