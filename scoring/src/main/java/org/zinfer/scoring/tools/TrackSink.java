package org.zinfer.scoring.tools;

import org.zinfer.formats.genome.SequenceWindow;
import org.zinfer.formats.genome.Window;
import org.zinfer.formats.track.FactorTracks;
import org.zinfer.scoring.engine.ScoreSink;

/** Turns window scores into track intervals: the step-wide stretch around each window's centre. */
public final class TrackSink implements ScoreSink<SequenceWindow> {
    private final FactorTracks tracks;
    private final int step;

    public TrackSink(FactorTracks tracks, int step) {
        this.tracks = tracks;
        this.step = step;
    }

    @Override
    public void accept(SequenceWindow item, float[] scores, int offset) {
        Window window = item.window();
        int start = window.start() + window.length() / 2 - step / 2;
        tracks.add(window.contig(), start, start + step, scores, offset);
        tracks.addWindow(window.contig(), window.start(), window.end(), scores, offset);
    }
}
