package org.zinfer.scoring.tools;

import org.zinfer.formats.InputException;
import org.zinfer.formats.genome.Contig;
import org.zinfer.formats.genome.ReferenceGenome;
import org.zinfer.formats.genome.Region;
import org.zinfer.formats.genome.SequenceWindow;
import org.zinfer.formats.genome.TiledWindows;
import org.zinfer.formats.track.FactorTracks;
import org.zinfer.formats.track.ScanManifest;
import org.zinfer.formats.track.ScoreLog;
import org.zinfer.scoring.bundle.ModelBundle;
import org.zinfer.scoring.bundle.Version;
import org.zinfer.scoring.engine.ProgressMeter;
import org.zinfer.scoring.engine.ScoreSink;
import org.zinfer.scoring.engine.ScoringEngine;
import org.zinfer.scoring.engine.WindowScorer;
import org.zinfer.scoring.model.FactorModel;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * zinfer scan: scores the windows of regions of a genome (whole contigs by default) and writes one track
 * per factor. The score of window [s, s + L) is the track value over [s + L/2 - step/2, s + L/2 - step/2 +
 * step), clipped to the contig, so that consecutive windows tile the track.
 */
public final class GenomeScan {

    /**
     * What to scan and how. regions empty means every contig whole. threshold null means no BED files. restart
     * discards whatever scan the output directory holds instead of resuming or refusing it. reverseComplement:
     * each window's score is the mean of its two strands'; shifts: the scorer averages that many shifted copies.
     */
    public record Options(Path fasta, List<Region> regions, int step, double maxUnknownFraction, Path outDir,
                          Float threshold, int batchSize, boolean restart, boolean reverseComplement, int shifts) {
        int strands() {
            return reverseComplement ? 2 : 1;
        }
    }

    /** What a scan did: windows scored now, windows replayed from a killed run's log, windows skipped as mostly N. */
    public record Summary(long windows, long resumed, long skipped, double seconds) {
        public double windowsPerSecond() {
            return seconds > 0 ? windows / seconds : 0;
        }
    }

    /** The share of a scan's time spent waiting for the track writers above which the log says they limited it. */
    private static final double WRITING_LIMITS = 0.1;

    private GenomeScan() {
    }

    public static Summary run(FactorModel model, Options options, WindowScorer scorer, PrintStream log) {
        if (options.step() < 1) {
            throw new InputException("--step must be at least 1, got " + options.step());
        }
        int length = model.windowLength();
        try (ReferenceGenome genome = ReferenceGenome.open(options.fasta())) {
            List<Region> regions = resolve(genome, options.regions());
            List<Contig> contigs = contigsOf(genome, regions);
            Map<String, String> fingerprint = fingerprint(model, options, regions, scorer);
            ScanCheckpoint checkpoint = ScanCheckpoint.open(options.outDir(), fingerprint, model.factors(), options.restart());
            if (checkpoint.finished()) {
                log.printf("zinfer: %s already holds this scan, finished; nothing to do (--restart scans again)%n", options.outDir());
                return new Summary(0, 0, 0, 0);
            }
            long total = TiledWindows.count(genome, regions, length, options.step());
            log.printf("zinfer: scanning %,d windows of %d nt at step %d in %d region(s) of %s with %s (%d factors)%n",
                    total, length, options.step(), regions.size(), options.fasta().getFileName(), model.metadata().name(), model.factors().size());
            TiledWindows windows = new TiledWindows(genome, regions, length, options.step(), options.maxUnknownFraction());
            long resumed;
            ProgressMeter progress;
            try (FactorTracks tracks = new FactorTracks(options.outDir(), model.factors(), contigs, options.step(), options.threshold())) {
                TrackSink sink = new TrackSink(tracks, options.step());
                ScanCheckpoint.Replayed replayed = checkpoint.replay(windows, sink);
                resumed = replayed.windows();
                try (ScoreLog scores = replayed.log()) {
                    if (resumed > 0) {
                        log.printf("zinfer: resuming: %,d windows were scored by an earlier run (kept in %s)%n",
                                resumed, options.outDir().resolve(ScanCheckpoint.LOG));
                    }
                    progress = new ProgressMeter(log, options.reverseComplement() ? "windows (both strands)" : "windows",
                            (total - resumed) * options.strands(), 10);
                    long tile = (long) options.batchSize() * options.step();
                    Function<SequenceWindow, Object> group = w -> w.window().contig() + ":" + w.window().start() / tile;
                    new ScoringEngine(scorer, length, options.batchSize()).run(windows, group, logged(scores, sink), progress,
                            options.reverseComplement());
                }
                if (tracks.waitedSeconds() > WRITING_LIMITS * progress.seconds()) {
                    log.printf("zinfer: writing tracks limited this scan: it waited %.1f of %.1f s for the track writers%n",
                            tracks.waitedSeconds(), progress.seconds());
                }
                tracks.commit();
            } catch (RuntimeException | Error e) {
                checkpoint.abandon();
                throw e;
            }
            manifest(model, options, genome, regions, contigs, fingerprint).write(options.outDir());
            checkpoint.finish();
            return new Summary(progress.done() / options.strands(), resumed, windows.skipped(), progress.seconds());
        }
    }

    /** Everything that decides the tracks' bytes; a resumed or repeated scan must have the same. */
    private static Map<String, String> fingerprint(FactorModel model, Options options, List<Region> regions, WindowScorer scorer) {
        Map<String, String> fingerprint = new LinkedHashMap<>();
        fingerprint.put("model", model.checksum());
        fingerprint.put("fasta", options.fasta().getFileName() + ", " + size(options.fasta()) + " bytes, index sha256 "
                + sha256(Path.of(options.fasta() + ".fai")));
        fingerprint.put("regions", String.join(",", ScanManifest.describe(regions)));
        fingerprint.put("step", String.valueOf(options.step()));
        fingerprint.put("max-n", String.valueOf(options.maxUnknownFraction()));
        fingerprint.put("bed-threshold", options.threshold() == null ? "none" : String.valueOf(options.threshold()));
        fingerprint.put("scores", scorer.bitsDependOn(options.batchSize()));
        if (options.reverseComplement()) {
            fingerprint.put("strands", "both, averaged");
        }
        fingerprint.put("zinfer", Version.current());
        return fingerprint;
    }

    /** Scores go to the log (flushed once a second, so a kill loses at most that much work) and on to the tracks. */
    private static ScoreSink<SequenceWindow> logged(ScoreLog scores, ScoreSink<SequenceWindow> tracks) {
        long[] flushed = {System.nanoTime()};
        return (window, values, offset) -> {
            scores.append(window.window().start(), values, offset);
            tracks.accept(window, values, offset);
            if (System.nanoTime() - flushed[0] > 1_000_000_000L) {
                scores.flush();
                flushed[0] = System.nanoTime();
            }
        };
    }

    /** Where the file really is (workflow engines stage inputs as links in their task directories). */
    private static String realPath(Path file) {
        try {
            return file.toRealPath().toString();
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(Path file) {
        try {
            return ModelBundle.sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static ScanManifest manifest(FactorModel model, Options options, ReferenceGenome genome, List<Region> regions,
                                         List<Contig> contigs, Map<String, String> fingerprint) {
        List<Contig> all = genome.contigs();
        List<ScanManifest.ManifestContig> ranked = contigs.stream()
                .map(c -> new ScanManifest.ManifestContig(c.name(), c.length(), all.indexOf(c))).toList();
        return new ScanManifest(model.metadata().name(), model.factors(), model.windowLength(), options.step(), ranked,
                ScanManifest.describe(regions), Version.current(), fingerprint.get("model"), fingerprint,
                realPath(options.fasta()), options.strands(), options.shifts());
    }

    /** Regions checked against the genome, sorted in FASTA contig order then start; overlaps refused. */
    static List<Region> resolve(ReferenceGenome genome, List<Region> requested) {
        if (requested.isEmpty()) {
            return genome.contigs().stream().map(Region::whole).toList();
        }
        Map<String, Integer> order = new LinkedHashMap<>();
        for (Contig contig : genome.contigs()) {
            order.put(contig.name(), order.size());
        }
        List<Region> regions = new ArrayList<>();
        for (Region region : requested) {
            regions.add(genome.resolve(region));
        }
        regions.sort(Comparator.<Region>comparingInt(r -> order.get(r.contig())).thenComparingInt(Region::start));
        for (int i = 1; i < regions.size(); i++) {
            if (regions.get(i).overlaps(regions.get(i - 1))) {
                throw new InputException("regions " + regions.get(i - 1) + " and " + regions.get(i) + " overlap; merge them first (e.g. bedtools merge)");
            }
        }
        return regions;
    }

    /** The contigs of the regions, in the regions' order, each once. */
    static List<Contig> contigsOf(ReferenceGenome genome, List<Region> regions) {
        List<Contig> contigs = new ArrayList<>();
        for (Region region : regions) {
            Contig contig = genome.contig(region.contig());
            if (contigs.isEmpty() || !contigs.get(contigs.size() - 1).equals(contig)) {
                contigs.add(contig);
            }
        }
        return contigs;
    }
}
