package org.zinfer.scoring.kernels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows of a convolution layer that a window of a batch may copy from an earlier window instead of computing
 * them. Windows of a scan overlap (at step 50, by 95%), a variant's alleles differ in a base or a few, and so
 * do the mutants of in-silico mutagenesis: where window n holds window m's bases shifted by D, except in a
 * stretch of changed bases, and D is a multiple of a layer's stride, the layer's rows that read only shared
 * bases and no padding are the same in both, up to the last bit (each row is the same chain of operations on
 * the same inputs). What is shared is found from the bases themselves, so it holds for any caller.
 */
public final class SharedRows {

    /**
     * Rows [from, to) of a window, except the rows [changedFrom, changedTo) that read changed bases, equal the
     * rows offset further on of the earlier window source.
     */
    public record Share(int source, int offset, int from, int to, int changedFrom, int changedTo) {
    }

    /** A range of rows. */
    public interface Rows {
        void range(int from, int to);
    }

    /** The rows a window computes itself: all of them without a share. */
    public static void computed(Share share, int rows, Rows action) {
        if (share == null) {
            emit(action, 0, rows);
            return;
        }
        emit(action, 0, share.from());
        emit(action, share.changedFrom(), share.changedTo());
        emit(action, share.to(), rows);
    }

    /** The rows a window copies from its share's source. */
    public static void copied(Share share, Rows action) {
        if (share != null) {
            emit(action, share.from(), share.changedFrom());
            emit(action, share.changedTo(), share.to());
        }
    }

    private static void emit(Rows action, int from, int to) {
        if (to > from) {
            action.range(from, to);
        }
    }

    /**
     * Where a layer's rows read: row p reads bases [stride p + lo, stride p + hi] of its window, and rows
     * [firstFree, lastFree] read no padding at any layer below.
     */
    public record Field(int stride, int lo, int hi, int firstFree, int lastFree) {
    }

    /** The earlier windows a window is compared with: the one before it, and the one before that (strands alternate). */
    private static final int GAPS = 2;
    private static final int NONE = Integer.MIN_VALUE;

    /** Window n holds window source's bases shifted by shift (n[x] = source[x + shift]), except n's bases [changedFrom, changedTo). */
    private record Link(int source, int shift, int changedFrom, int changedTo) {
    }

    private SharedRows() {
    }

    /** The fields of a chain of convolution blocks over windows of this length. */
    public static List<Field> fields(List<ConvolutionBlocks.Block> blocks, int windowLength) {
        List<Field> fields = new ArrayList<>();
        Field in = new Field(1, 0, 0, 0, windowLength - 1);
        int length = windowLength;
        for (ConvolutionBlocks.Block block : blocks) {
            int pool = block.pool();
            int left = block.leftPad();
            int reach = pool + block.kernel() - 2 - left; // row p reads input rows [p pool - left, p pool + reach]
            length = block.outputLength(length);
            int firstFree = Math.floorDiv(in.firstFree() + left + pool - 1, pool);
            int lastFree = Math.min(length - 1, Math.floorDiv(in.lastFree() - reach, pool));
            in = new Field(pool * in.stride(), -left * in.stride() + in.lo(), reach * in.stride() + in.hi(),
                    Math.max(0, firstFree), lastFree);
            fields.add(in);
        }
        return fields;
    }

    /** The fields of each block's convolution rows, before pooling (a trainer keeps them to pool). */
    public static List<Field> convolutionFields(List<ConvolutionBlocks.Block> blocks, int windowLength) {
        List<Field> fields = new ArrayList<>();
        for (int c = 0; c < blocks.size(); c++) {
            List<ConvolutionBlocks.Block> chain = new ArrayList<>(blocks.subList(0, c));
            chain.add(new ConvolutionBlocks.Block(blocks.get(c).convolution(), 1));
            fields.add(fields(chain, windowLength).get(c));
        }
        return fields;
    }

    /**
     * For windows [first, first + batch) of channels (length bytes each): per layer, per window, the rows it
     * may copy (null where none); a layer where no window may copy is null.
     */
    public static Share[][] find(List<Field> fields, byte[] channels, int first, int batch, int length) {
        Field deepest = fields.get(fields.size() - 1);
        int minimumOverlap = deepest.hi() - deepest.lo() + 1;
        Link[] links = new Link[batch];
        int[][] guess = new int[GAPS + 1][2]; // by gap and window parity: strands alternate in opposite directions
        for (int n = 1; n < batch; n++) {
            links[n] = link(channels, first, n, length, minimumOverlap, guess);
        }
        Share[][] shares = new Share[fields.size()][];
        for (int c = 0; c < fields.size(); c++) {
            shares[c] = layerShares(fields.get(c), links, length);
        }
        return shares;
    }

    /**
     * The window one or two before window n that holds its bases: shifted as the last windows were, else
     * unshifted but for a stretch of changed bases, else at any shift; null when none shares minimumOverlap bases.
     */
    private static Link link(byte[] channels, int first, int n, int length, int minimumOverlap, int[][] guess) {
        int current = (first + n) * length;
        for (int pass = 0; pass < 3; pass++) {
            for (int gap = 1; gap <= Math.min(GAPS, n); gap++) {
                int previous = (first + n - gap) * length;
                Link link = switch (pass) {
                    case 0 -> sameFrom(channels, previous, current, length, guess[gap][n % 2], minimumOverlap)
                            ? new Link(n - gap, guess[gap][n % 2], 0, 0) : null;
                    case 1 -> changed(channels, n - gap, previous, current, length, minimumOverlap);
                    default -> {
                        int s = baseShift(channels, previous, current, length, minimumOverlap);
                        yield s == NONE ? null : new Link(n - gap, s, 0, 0);
                    }
                };
                if (link != null) {
                    guess[gap][n % 2] = link.shift();
                    return link;
                }
            }
        }
        return null;
    }

    /** Window current as window previous with a stretch of bases changed, when minimumOverlap bases on one side are not. */
    private static Link changed(byte[] channels, int source, int previous, int current, int length, int minimumOverlap) {
        int from = Arrays.mismatch(channels, current, current + length, channels, previous, previous + length);
        if (from < 0) {
            return new Link(source, 0, 0, 0);
        }
        int to = length;
        while (channels[current + to - 1] == channels[previous + to - 1]) {
            to--;
        }
        return Math.max(from, length - to) >= minimumOverlap ? new Link(source, 0, from, to) : null;
    }

    private static Share[] layerShares(Field field, Link[] links, int length) {
        Share[] shares = null;
        for (int n = 1; n < links.length; n++) {
            int bases = 0;
            int low = 0; // window n's bases [low, high) equal the current source's bases [low + bases, high + bases)
            int high = length;
            int changedFrom = length; // but for window n's bases [changedFrom, changedTo)
            int changedTo = 0;
            for (Link link = links[n]; link != null && low < high; link = links[link.source()]) {
                if (link.changedTo() > link.changedFrom()) {
                    changedFrom = Math.min(changedFrom, link.changedFrom() - bases);
                    changedTo = Math.max(changedTo, link.changedTo() - bases);
                }
                low = Math.max(low, Math.max(0, -link.shift()) - bases);
                high = Math.min(high, Math.min(length, length - link.shift()) - bases);
                bases += link.shift();
                if (low < high && bases % field.stride() == 0) {
                    Share share = share(field, link.source(), bases, low, high, changedFrom, changedTo);
                    if (share != null) {
                        shares = shares != null ? shares : new Share[links.length];
                        shares[n] = share;
                    }
                    break;
                }
            }
        }
        return shares;
    }

    /**
     * The rows a window may copy from source, whose bases [low + bases, high + bases) it holds at [low, high) but
     * for its bases [changedFrom, changedTo); null when none.
     */
    private static Share share(Field field, int source, int bases, int low, int high, int changedFrom, int changedTo) {
        int stride = field.stride();
        int offset = bases / stride;
        int from = Math.max(Math.max(field.firstFree(), field.firstFree() - offset), Math.floorDiv(low - field.lo() + stride - 1, stride));
        int to = Math.min(Math.min(field.lastFree(), field.lastFree() - offset), Math.floorDiv(high - 1 - field.hi(), stride)) + 1;
        int gapFrom = to;
        int gapTo = to;
        if (changedTo > changedFrom) { // rows whose bases [stride p + lo, stride p + hi] meet the changed ones
            gapFrom = Math.max(from, Math.floorDiv(changedFrom - field.hi() + stride - 1, stride));
            gapTo = Math.min(to, Math.floorDiv(changedTo - 1 - field.lo(), stride) + 1);
            if (gapFrom >= gapTo) {
                gapFrom = to;
                gapTo = to;
            }
        }
        boolean copiesSome = to > from && (gapFrom > from || gapTo < to);
        return copiesSome ? new Share(source, offset, from, to, gapFrom, gapTo) : null;
    }

    /**
     * s such that the window at current holds the window at previous's bases shifted by s (current[x] = previous[x + s]
     * wherever both exist), the smallest |s| first; NONE when there is none with at least minimumOverlap bases.
     */
    private static int baseShift(byte[] channels, int previous, int current, int length, int minimumOverlap) {
        for (int distance = 0; distance <= length - minimumOverlap; distance++) {
            if (sameFrom(channels, previous, current, length, distance, minimumOverlap)) {
                return distance;
            }
            if (distance > 0 && sameFrom(channels, previous, current, length, -distance, minimumOverlap)) {
                return -distance;
            }
        }
        return NONE;
    }

    private static boolean sameFrom(byte[] channels, int previous, int current, int length, int s, int minimumOverlap) {
        if (s == NONE || Math.abs(s) > length - minimumOverlap) {
            return false;
        }
        int from = Math.max(0, -s);
        int to = Math.min(length, length - s);
        return channels[current + from] == channels[previous + from + s]
                && Arrays.equals(channels, current + from, current + to, channels, previous + from + s, previous + to + s);
    }
}
