package org.zinfer.scoring.tools;

import org.zinfer.formats.InputException;
import org.zinfer.formats.genome.Contig;
import org.zinfer.formats.track.BigWigWriter;
import org.zinfer.formats.track.NarrowPeakWriter;
import org.zinfer.formats.track.ScanManifest;
import org.zinfer.scoring.calibration.Calibration;
import org.zinfer.scoring.calibration.FalseDiscovery;
import org.zinfer.scoring.model.FactorModel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * zinfer call: binding sites per factor from a finished scan and the model's calibration. Every window's score
 * becomes a p-value; Benjamini-Hochberg over all the scan's windows of the factor gives q-values; windows with q at
 * most the rate asked for that overlap the one before merge into a site from the first window's start to the last
 * one's end, its summit at the centre of its best window. Written as FACTOR.narrowPeak.gz (+ .tbi), beside
 * FACTOR.pval.bw, every window's −log10 p over the stretch of the scan's track that holds its score.
 */
public final class SiteCalling {
    /** Each factor's track of −log10 p, over the same stretches as the scan's track. */
    public static final String P_VALUES = ".pval.bw";

    /** Per factor: windows read, the p-value threshold that BH set (negative: none passed), sites called. */
    public record Called(String factor, long windows, double threshold, long sites) {
    }

    /** One window of the scan: where it starts, its score, and the stretch of the track it holds. */
    private record WindowScore(String contig, int start, float score, int trackStart, int trackEnd) {
    }

    private SiteCalling() {
    }

    public static List<Called> run(Path scan, FactorModel model, double rate, Path out, PrintStream log) {
        if (!(rate > 0 && rate < 1)) {
            throw new InputException("--fdr must lie between 0 and 1, got " + rate);
        }
        ScanManifest manifest = ScanManifest.read(scan);
        Calibration calibration = model.metadata().calibration();
        if (calibration == null) {
            throw new InputException("model " + model.metadata().name() + " has no calibration; make one with zinfer calibrate and give it with --model");
        }
        if (!model.checksum().equals(manifest.modelChecksum()) || !model.factors().equals(manifest.factors())) {
            throw new InputException(scan + " was scanned with model " + manifest.model() + ", not with " + model.metadata().name()
                    + " (checksums differ); calibrate the model the scan used");
        }
        if (!calibration.reading().equals(manifest.reading())) {
            throw new InputException(scan + " was scanned with " + manifest.reading().flags() + " but the calibration made with "
                    + calibration.reading().flags() + "; calibrate as the scan was made");
        }
        List<Contig> contigs = manifest.contigs().stream().map(c -> new Contig(c.name(), c.length())).toList();
        List<Called> called = new ArrayList<>();
        for (int f = 0; f < model.factors().size(); f++) {
            called.add(callFactor(scan, manifest, calibration, f, rate, contigs, out));
            Called last = called.get(called.size() - 1);
            log.printf("zinfer: %s: %,d windows, %,d sites at FDR %s%n", last.factor(), last.windows(), last.sites(), rate);
        }
        return called;
    }

    private static Called callFactor(Path scan, ScanManifest manifest, Calibration calibration, int f, double rate, List<Contig> contigs,
                                     Path out) {
        String factor = manifest.factors().get(f);
        Path track = scan.resolve(factor + ".bedGraph.gz");
        int offset = manifest.windowLength() / 2 - manifest.step() / 2;
        long[] windows = {0};
        List<Double> candidates = new ArrayList<>();
        try (BigWigWriter pValues = new BigWigWriter(out.resolve(factor + P_VALUES), contigs, manifest.step())) {
            read(track, offset, w -> {
                windows[0]++;
                double p = calibration.pValue(f, w.score());
                pValues.add(w.contig(), w.trackStart(), w.trackEnd(), (float) -Math.log10(Math.max(p, Double.MIN_NORMAL)));
                if (p <= rate) {
                    candidates.add(p);
                }
            });
            pValues.commit();
        }
        FalseDiscovery discovery = new FalseDiscovery(candidates.stream().mapToDouble(Double::doubleValue).toArray(), windows[0], rate);
        long sites;
        try (NarrowPeakWriter writer = new NarrowPeakWriter(out.resolve(factor + ".narrowPeak.gz"), contigs)) {
            Sites merger = new Sites(factor, manifest, calibration, f, discovery, writer);
            if (discovery.threshold() >= 0) {
                read(track, offset, merger::add);
            }
            merger.flush();
            writer.commit();
            sites = merger.count;
        }
        return new Called(factor, windows[0], discovery.threshold(), sites);
    }

    /** Each line of a scan's bedGraph as the window it stands for. */
    private static void read(Path bedGraph, int offset, Consumer<WindowScore> window) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(bedGraph)), StandardCharsets.US_ASCII))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("track")) {
                    continue;
                }
                String[] fields = line.split("\t");
                int trackStart = Integer.parseInt(fields[1]);
                window.accept(new WindowScore(fields[0], trackStart - offset, Float.parseFloat(fields[3]), trackStart, Integer.parseInt(fields[2])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + bedGraph, e);
        }
    }

    /** Merges overlapping passing windows into sites and writes them. */
    private static final class Sites {
        private final String factor;
        private final int length;
        private final Calibration calibration;
        private final int f;
        private final FalseDiscovery discovery;
        private final NarrowPeakWriter writer;
        private WindowScore first;
        private WindowScore last;
        private WindowScore best;
        private long count;

        Sites(String factor, ScanManifest manifest, Calibration calibration, int f, FalseDiscovery discovery, NarrowPeakWriter writer) {
            this.factor = factor;
            this.length = manifest.windowLength();
            this.calibration = calibration;
            this.f = f;
            this.discovery = discovery;
            this.writer = writer;
        }

        void add(WindowScore window) {
            if (calibration.pValue(f, window.score()) > discovery.threshold()) {
                return;
            }
            if (last != null && (!last.contig().equals(window.contig()) || window.start() >= last.start() + length)) {
                flush();
            }
            if (first == null) {
                first = window;
                best = window;
            }
            best = window.score() > best.score() ? window : best;
            last = window;
        }

        void flush() {
            if (first == null) {
                return;
            }
            double p = Math.max(Double.MIN_NORMAL, calibration.pValue(f, best.score()));
            count++;
            writer.add(new NarrowPeakWriter.Site(first.contig(), first.start(), last.start() + length, factor + "_" + count,
                    (int) Math.round(1000 * best.score()), best.score(), -Math.log10(p), -Math.log10(discovery.qValue(p)),
                    best.start() + length / 2 - first.start()));
            first = null;
            last = null;
            best = null;
        }
    }
}
