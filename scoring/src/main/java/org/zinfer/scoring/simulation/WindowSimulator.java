package org.zinfer.scoring.simulation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.zinfer.formats.dataset.WindowDatasetWriter;
import org.zinfer.formats.motif.MotifMatrix;
import org.zinfer.scoring.engine.ProgressMeter;

import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;

/**
 * Simulated training windows: background sequence with instances of chosen motifs implanted. In each
 * window every factor is present with probability {@code presence}; a present factor gets between
 * minInstances and maxInstances instances, each sampled from its matrix on a random strand at a random
 * free place (an instance that finds no free place is left out). A window's labels say which factors were
 * implanted. Window i depends only on the seed and i.
 */
public final class WindowSimulator {
    private final List<MotifMatrix> motifs;
    private final Background background;
    private final Settings settings;

    public record Settings(int windows, int windowLength, double presence, int minInstances, int maxInstances, long seed) {
        public Settings {
            if (windows < 1 || windowLength < 1) {
                throw new IllegalArgumentException("-n and --length must be at least 1, got " + windows + " and " + windowLength);
            }
            if (!(presence >= 0 && presence <= 1)) {
                throw new IllegalArgumentException("presence must lie between 0 and 1, got " + presence);
            }
            if (minInstances < 1 || maxInstances < minInstances) {
                throw new IllegalArgumentException("instances must be a range like 1 or 1-3, got " + minInstances + "-" + maxInstances);
            }
        }

        /** The default presence: half the windows for one factor, about three factors per window for more. */
        public static double defaultPresence(int factors) {
            return Math.min(0.5, 3.0 / factors);
        }
    }

    public WindowSimulator(List<MotifMatrix> motifs, Background background, Settings settings) {
        int longest = MotifImplanter.longest(motifs);
        if (longest > settings.windowLength()) {
            throw new IllegalArgumentException("a motif of " + longest + " nt does not fit in a window of " + settings.windowLength() + " nt");
        }
        this.motifs = List.copyOf(motifs);
        this.background = background;
        this.settings = settings;
    }

    public void simulate(WindowDatasetWriter writer, ProgressMeter progress) {
        simulate(writer::add, progress);
    }

    /** Each window in turn: its bases and which factors it holds. */
    public void simulate(BiConsumer<byte[], boolean[]> windows, ProgressMeter progress) {
        for (int i = 0; i < settings.windows(); i++) {
            Random random = new Random(settings.seed() * 0x9E3779B97F4A7C15L + i);
            byte[] bases = background.draw(random, settings.windowLength());
            boolean[] taken = new boolean[bases.length];
            boolean[] present = new boolean[motifs.size()];
            for (int k = 0; k < motifs.size(); k++) {
                if (random.nextDouble() >= settings.presence()) {
                    continue;
                }
                int instances = settings.minInstances() + random.nextInt(settings.maxInstances() - settings.minInstances() + 1);
                for (int j = 0; j < instances; j++) {
                    present[k] |= MotifImplanter.implant(bases, taken, 0, bases.length, k, motifs.get(k), random) != null;
                }
            }
            windows.accept(bases, present);
            progress.advance(1);
        }
    }

    /** What was simulated, as JSON, for the dataset's provenance attribute. */
    public String provenance(String motifFile) {
        ObjectNode json = new ObjectMapper().createObjectNode();
        json.put("made_by", "zinfer simulate");
        json.put("motif_file", motifFile);
        json.putPOJO("motifs", motifs.stream().map(m -> m.id() + " " + m.name()).toList());
        json.put("background", background.describe());
        json.putPOJO("settings", settings);
        return json.toString();
    }
}
