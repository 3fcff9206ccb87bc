package org.zinfer.gpu;

import org.bytedeco.cuda.global.cudart;
import org.zinfer.formats.genome.Contig;
import org.zinfer.formats.genome.FastaWriter;
import org.zinfer.formats.genome.ReferenceGenome;
import org.zinfer.formats.genome.Region;
import org.zinfer.formats.genome.SequenceWindow;
import org.zinfer.formats.genome.TiledWindows;
import org.zinfer.formats.track.FactorTracks;
import org.zinfer.scoring.device.Device;
import org.zinfer.scoring.device.DeviceStream;
import org.zinfer.scoring.device.HostDevice;
import org.zinfer.scoring.engine.ProgressMeter;
import org.zinfer.scoring.engine.ScoringEngine;
import org.zinfer.scoring.engine.WindowScorer;
import org.zinfer.scoring.inference.DeviceScorer;
import org.zinfer.scoring.kernels.AdamRule;
import org.zinfer.scoring.keras.KerasModel;
import org.zinfer.scoring.keras.KerasModelReader;
import org.zinfer.scoring.keras.KerasParameters;
import org.zinfer.scoring.model.ModelMetadata;
import org.zinfer.scoring.tools.TrackSink;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The GPU machine's check (benchmarks/gpu/device-check.sh runs it there, pack.sh runs it here on the host device):
 * parity of the device engine against the CPU engine's scores computed by {@link PackReference}, of the device trainer
 * against the CPU trainer's gradient and losses computed by {@link PackTraining}, training throughput, and throughput
 * of a scan (reading, encoding, scoring, writing tracks) at several batch sizes. Runs without ND4J. Writes
 * report.md, throughput.tsv and training.txt; a section that fails is reported and the others still run.
 * <p>usage: DeviceCheck --pack DIR --out DIR [--device cuda|host] [--batches 1024,4096] [--copies 25] [--bases N]
 * [--parity-windows N] [--scan-model FILE.h5] [--step 50] [--train-steps 200] [--train-batches 256,1000] [--train-seconds 10]
 */
public final class DeviceCheck {
    private static final double PARITY = 1e-4;
    private final Map<String, String> options;
    private final Path pack;
    private final Path out;
    private final List<String> report = new ArrayList<>();
    private final List<Device> devices;

    private DeviceCheck(Map<String, String> options, List<Device> devices) throws IOException {
        this.options = options;
        this.pack = Path.of(options.get("pack"));
        this.out = Files.createDirectories(Path.of(options.get("out")));
        this.devices = devices;
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>(Map.of("device", "cuda", "batches", "1024,4096,16384", "copies", "25",
                "parity-windows", "2048", "scan-model", "multilabel_classification_convrnn_on_generated_data.h5", "step", "50",
                "train-steps", "200", "train-batches", "256,1000", "train-seconds", "10"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        List<String> header = new ArrayList<>(List.of("# zinfer device check", "", "- date: " + Instant.now(),
                "- java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")));
        List<Device> devices;
        try {
            devices = open(options.get("device"), header);
        } catch (RuntimeException | LinkageError e) {
            header.add("- no device: " + e);
            Files.createDirectories(Path.of(options.get("out")));
            Files.write(Path.of(options.get("out")).resolve("report.md"), header);
            System.out.println(String.join("\n", header));
            System.exit(1);
            return;
        }
        header.add("- device: " + devices.get(0).describe());
        DeviceCheck check = new DeviceCheck(options, devices);
        check.report.addAll(header);
        check.section("adam", check::adam);
        check.section("parity", check::parity);
        check.section("training: gradient parity", () -> check.training().gradientParity(check.report));
        check.section("training: losses", () -> check.training().losses(check.pack, Integer.parseInt(options.get("train-steps")), check.report));
        check.section("training: throughput", check::trainingThroughput);
        check.section("throughput", check::throughput);
        System.out.println(String.join("\n", check.report));
    }

    private static List<Device> open(String device, List<String> header) {
        if (device.equals("host")) {
            return List.of(new HostDevice());
        }
        CudaDevices cuda = new CudaDevices();
        List<Device> devices = cuda.open(List.of(0));
        header.add("- CUDA: " + cuda.describe() + "; " + versions());
        CudaLibraries.find(cuda.cudaMajor()).paths().forEach((name, path) -> header.add("  - " + name + ": " + path));
        return devices;
    }

    private static String versions() {
        int[] driver = new int[1];
        int[] runtime = new int[1];
        cudart.cudaDriverGetVersion(driver);
        cudart.cudaRuntimeGetVersion(runtime);
        return "driver supports CUDA " + driver[0] / 1000 + "." + driver[0] % 1000 / 10 + ", runtime " + runtime[0] / 1000 + "." + runtime[0] % 1000 / 10;
    }

    private interface Section {
        void run() throws Exception;
    }

    private void section(String name, Section section) {
        report.add("");
        report.add("## " + name);
        report.add("");
        try {
            section.run();
        } catch (Exception | Error e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            report.add("FAILED: " + e);
            report.add("```");
            report.add(trace.toString().strip());
            report.add("```");
        }
        save();
    }

    /** The report so far: a run cut short by its time limit still leaves what it measured. */
    private void save() {
        try {
            Files.write(out.resolve("report.md"), report);
        } catch (IOException e) {
            System.err.println("zinfer: cannot write the report: " + e);
        }
    }

    /**
     * The GPU trainer's optimiser: three Adam steps of the device's adam_step over random parameters and gradients
     * (the thesis' learning rate and betas), against AdamRule on the CPU; they should agree in every bit.
     */
    private void adam() {
        int count = 1_000_003;
        SplittableRandom random = new SplittableRandom(7);
        float[] values = new float[count];
        float[] gradients = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
            gradients[i] = (float) (random.nextGaussian() * 1e-3);
        }
        float[] expected = values.clone();
        float[] first = new float[count];
        float[] second = new float[count];
        try (DeviceStream stream = devices.get(0).openStream()) {
            DeviceStream.Buffer onDevice = stream.constant(values);
            DeviceStream.Buffer g = stream.constant(gradients);
            DeviceStream.Buffer m = stream.allocateFloats(count);
            DeviceStream.Buffer v = stream.allocateFloats(count);
            for (int step = 1; step <= 3; step++) {
                float rate = AdamRule.rate(0.001, 0.95, 0.999, step);
                stream.adamStep(onDevice, g, m, v, count, rate, 0.95f, 0.999f, 1e-7f);
                AdamRule.update(expected, 0, gradients, 0, first, second, 0, count, rate, 0.95f, 0.999f, 1e-7f);
            }
            float[] got = new float[count];
            stream.download(onDevice, count, got);
            int differing = 0;
            double largest = 0;
            for (int i = 0; i < count; i++) {
                differing += Float.floatToRawIntBits(got[i]) != Float.floatToRawIntBits(expected[i]) ? 1 : 0;
                largest = Math.max(largest, Math.abs(got[i] - expected[i]));
            }
            report.add((differing == 0 ? "- " : "- FAILS: ") + "3 Adam steps over " + count + " parameters: " + differing
                    + " differ from the CPU's in any bit (largest difference " + largest + ")");
        }
    }

    private TrainingCheck training() throws IOException {
        return new TrainingCheck(pack, devices.get(0));
    }

    /** Training throughput at each batch size, also into training.txt for device-check.sh's table beside PyTorch's. */
    private void trainingThroughput() throws IOException {
        List<Integer> batches = Stream.of(options.get("train-batches").split(",")).map(b -> Integer.parseInt(b.strip())).toList();
        List<String> lines = training().throughput(batches, Double.parseDouble(options.get("train-seconds")), report);
        Files.write(out.resolve("training.txt"), lines);
    }

    /** Each model's scores of the reference windows against the CPU engine's. */
    private void parity() throws IOException {
        byte[] windows = Files.readAllBytes(pack.resolve(PackFiles.WINDOWS));
        int count = Math.min(windows.length / PackFiles.LENGTH, Integer.parseInt(options.get("parity-windows")));
        report.add("Device engine against the CPU engine (computed by pack.sh), " + count + " windows of " + pack.resolve(PackFiles.SLICE).getFileName()
                + " per model; must be at most " + PARITY + ".");
        report.add("");
        report.add("| model | outputs | windows | max abs diff | |");
        report.add("|---|---|---|---|---|");
        for (Map.Entry<String, Integer> model : PackFiles.models(pack).entrySet()) {
            WindowScorer scorer = scorer(Path.of(options.getOrDefault("models", pack.toString())).resolve(model.getKey()), 1024);
            float[] scores = scorer.score(windows, count);
            float[] expected = PackFiles.floats(Files.readAllBytes(pack.resolve(model.getKey() + ".f32")));
            double max = 0;
            for (int i = 0; i < count * model.getValue(); i++) {
                max = Math.max(max, Math.abs(scores[i] - expected[i]));
            }
            report.add(String.format("| %s | %d | %d | %.3g | %s |", model.getKey(), model.getValue(), count, max, max <= PARITY ? "ok" : "FAILS"));
            save();
        }
    }

    private WindowScorer scorer(Path h5, int batch) {
        KerasModel keras = KerasModelReader.read(h5);
        return DeviceScorer.of(keras.architecture(), new KerasParameters(keras), devices, 2, batch).orElseThrow();
    }

    /** The slice copied into a genome of several contigs, scanned at each batch size three ways. */
    private void throughput() throws IOException {
        Path work = Files.createDirectories(out.resolve("work"));
        Path genome = genome(work);
        Path h5 = Path.of(options.getOrDefault("models", pack.toString())).resolve(options.get("scan-model"));
        int step = Integer.parseInt(options.get("step"));
        List<String> tsv = new ArrayList<>(List.of("batch\twindows\tencode_per_s\tscore_per_s\tscan_per_s\twaited_for_writers_s\ttrack_bytes"));
        report.add("`zinfer scan`'s path on " + genome.getFileName() + " (" + options.get("copies") + " copies of the slice), step " + step
                + ", model " + h5.getFileName() + ": reading and encoding alone; scoring (reading, encoding, device) without writing; "
                + "the whole scan writing bigWig, bedGraph.gz + tabix and BED tracks (" + Runtime.getRuntime().availableProcessors()
                + " writer threads at most). Windows per second.");
        report.add("");
        report.add("| batch | windows | read + encode | + score | + write tracks (scan) | scan waited for writers | tracks |");
        report.add("|---|---|---|---|---|---|---|");
        try (ReferenceGenome reference = ReferenceGenome.open(genome)) {
            List<Region> regions = reference.contigs().stream().map(Region::whole).toList();
            double encode = rate(() -> encodeAll(windows(reference, regions, step)));
            for (String size : options.get("batches").split(",")) {
                int batch = Integer.parseInt(size.strip());
                WindowScorer scorer = scorer(h5, batch);
                List<String> factors = ModelMetadata.defaultFactorNames(scorer.outputs());
                double score = rate(() -> new ScoringEngine(scorer, PackFiles.LENGTH, batch)
                        .run(windows(reference, regions, step), (item, values, offset) -> { }, ProgressMeter.silent()));
                Path tracks = work.resolve("tracks-" + batch);
                long[] windows = new long[1];
                double[] waited = new double[1];
                double scan = rate(() -> {
                    try (FactorTracks writers = new FactorTracks(tracks, factors, reference.contigs(), step, 0.5f)) {
                        windows[0] = new ScoringEngine(scorer, PackFiles.LENGTH, batch).run(windows(reference, regions, step),
                                new TrackSink(writers, step), new ProgressMeter(System.err, "windows", 0, 10));
                        waited[0] = writers.waitedSeconds();
                        writers.commit();
                    }
                    return windows[0];
                });
                long bytes = size(tracks);
                report.add(String.format("| %d | %,d | %,.0f | %,.0f | %,.0f | %.1f s | %,d MB |", batch, windows[0], encode, score, scan,
                        waited[0], bytes >> 20));
                save();
                tsv.add(batch + "\t" + windows[0] + "\t" + (long) encode + "\t" + (long) score + "\t" + (long) scan + "\t" + waited[0] + "\t" + bytes);
                delete(tracks);
            }
        } finally {
            Files.write(out.resolve("throughput.tsv"), tsv);
        }
    }

    private static TiledWindows windows(ReferenceGenome genome, List<Region> regions, int step) {
        return new TiledWindows(genome, regions, PackFiles.LENGTH, step, 0.5);
    }

    private static long encodeAll(TiledWindows windows) {
        byte[] codes = new byte[PackFiles.LENGTH];
        long count = 0;
        while (windows.hasNext()) {
            SequenceWindow window = windows.next();
            window.encode(0, codes, 0);
            count++;
        }
        return count;
    }

    /** Windows per second of a run that returns how many windows it did. */
    private static double rate(Supplier<Long> run) {
        long started = System.nanoTime();
        long windows = run.get();
        return windows / ((System.nanoTime() - started) / 1e9);
    }

    private Path genome(Path work) throws IOException {
        byte[] slice;
        try (ReferenceGenome reference = ReferenceGenome.open(pack.resolve(PackFiles.SLICE))) {
            Contig contig = reference.contigs().get(0);
            int bases = Integer.parseInt(options.getOrDefault("bases", String.valueOf(contig.length())));
            slice = reference.bases(contig.name(), 0, Math.min(bases, contig.length()));
        }
        Map<String, byte[]> contigs = new LinkedHashMap<>();
        for (int copy = 1; copy <= Integer.parseInt(options.get("copies")); copy++) {
            contigs.put("slice_" + copy, slice);
        }
        Path genome = work.resolve("genome.fa");
        FastaWriter.write(contigs, genome);
        return genome;
    }

    private static long size(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
