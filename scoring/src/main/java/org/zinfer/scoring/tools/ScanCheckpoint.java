package org.zinfer.scoring.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.zinfer.formats.InputException;
import org.zinfer.formats.genome.SequenceWindow;
import org.zinfer.formats.track.ScanManifest;
import org.zinfer.formats.track.ScoreLog;
import org.zinfer.scoring.engine.ScoreSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a scan's output directory already holds, and what a new run does with it. The scan's fingerprint (model
 * checksum, genome index, regions, step, …) decides: a finished scan of the same fingerprint is left as it is;
 * an unfinished one (its {@link ScoreLog} is there) is resumed, its logged windows replayed into the tracks
 * without scoring them again; anything of another fingerprint is refused, naming what differs, unless the run
 * restarts. Scores are the same bits whatever batch or thread computed them, so a resumed scan writes the
 * same bytes as one that was never interrupted.
 */
final class ScanCheckpoint {
    static final String LOG = ".zinfer-scan.resume";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final String fingerprint;
    private final List<String> factors;
    private final boolean finished;

    private ScanCheckpoint(Path directory, String fingerprint, List<String> factors, boolean finished) {
        this.directory = directory;
        this.fingerprint = fingerprint;
        this.factors = factors;
        this.finished = finished;
    }

    /** Checks the directory against the fingerprint; with restart, discards whatever scan it holds. */
    static ScanCheckpoint open(Path directory, Map<String, String> fingerprint, List<String> factors, boolean restart) {
        String text = toJson(fingerprint);
        Path manifest = directory.resolve(ScanManifest.FILE);
        Path log = directory.resolve(LOG);
        try {
            if (restart) {
                Files.deleteIfExists(manifest);
                Files.deleteIfExists(log);
            }
            if (Files.exists(manifest)) {
                Map<String, String> previous = ScanManifest.read(directory).fingerprint();
                if (fingerprint.equals(previous) && !Files.exists(log)) {
                    return new ScanCheckpoint(directory, text, factors, true);
                }
                if (!fingerprint.equals(previous)) {
                    throw new InputException(directory + " already holds a finished scan " + differences(previous, fingerprint)
                            + "; choose another --out, or add --restart to replace it");
                }
                Files.delete(manifest); // killed after the manifest was written: finish again from the log
            }
            if (Files.exists(log)) {
                String logged = ScoreLog.fingerprint(log);
                if (!logged.isEmpty() && !logged.equals(text)) {
                    throw new InputException(directory + " holds an unfinished scan " + differences(fromJson(logged), fingerprint)
                            + "; rerun it as it was to resume it, or add --restart to discard it");
                }
                if (logged.isEmpty()) {
                    Files.delete(log);
                }
            }
            deleteTemporaries(directory, factors);
            return new ScanCheckpoint(directory, text, factors, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + directory, e);
        }
    }

    /** True when the directory already holds this very scan, finished. */
    boolean finished() {
        return finished;
    }

    /** The log to append the rest of the scan to, and how many windows an earlier run had logged. */
    record Replayed(ScoreLog log, long windows) {
    }

    /**
     * Replays the windows an earlier run logged into the sink, taking each from the iterator (which then stands
     * after them).
     */
    Replayed replay(Iterator<SequenceWindow> windows, ScoreSink<SequenceWindow> sink) {
        Path log = directory.resolve(LOG);
        if (!Files.exists(log)) {
            return new Replayed(ScoreLog.create(log, fingerprint, factors.size()), 0);
        }
        long[] replayed = {0};
        ScoreLog appending = ScoreLog.resume(log, (start, scores) -> {
            SequenceWindow window = windows.hasNext() ? windows.next() : null;
            if (window == null || window.window().start() != start) {
                throw new InputException(log + " does not match the windows of this scan; rerun with --restart");
            }
            sink.accept(window, scores, 0);
            replayed[0]++;
        });
        return new Replayed(appending, replayed[0]);
    }

    /** Deletes the log once the manifest is written. */
    void finish() {
        try {
            Files.deleteIfExists(directory.resolve(LOG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory.resolve(LOG), e);
        }
    }

    /** After an error (bad input, a full disk), which unlike a kill is not resumed: leaves nothing behind. */
    void abandon() {
        try {
            Files.deleteIfExists(directory.resolve(LOG));
            deleteTemporaries(directory, factors);
        } catch (IOException | RuntimeException ignored) {
            // best effort; the error being reported matters more
        }
    }

    /** Hidden temporary files of a killed run's track writers (.FACTOR.bw.*, .FACTOR.bed.partial, …). */
    private static void deleteTemporaries(Path directory, List<String> factors) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        List<Path> stale = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.forEach(file -> {
                String name = file.getFileName().toString();
                boolean temporary = name.equals("." + ScanManifest.FILE + ".partial")
                        || factors.stream().anyMatch(f -> name.startsWith("." + f + "."));
                if (temporary) {
                    stale.add(file);
                }
            });
        }
        for (Path file : stale) {
            Files.deleteIfExists(file);
        }
    }

    /** "(step 50 here, 100 there; model …)": the entries in which two fingerprints differ. */
    private static String differences(Map<String, String> there, Map<String, String> here) {
        if (there == null) {
            return "that this one cannot be compared with (written by zinfer merge or an older zinfer)";
        }
        List<String> differing = new ArrayList<>();
        for (String key : new TreeSet<>(here.keySet())) {
            if (!Objects.equals(here.get(key), there.get(key))) {
                differing.add(key + " " + there.get(key) + " there, " + here.get(key) + " now");
            }
        }
        return "of other arguments (" + String.join("; ", differing) + ")";
    }

    private static String toJson(Map<String, String> fingerprint) {
        try {
            return JSON.writeValueAsString(fingerprint);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> fromJson(String text) {
        try {
            return JSON.readValue(text, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
