package org.zinfer.scoring.engine;

import org.junit.jupiter.api.Test;
import org.zinfer.formats.encoding.Encodable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The walker alone, with a scorer that takes a random time per batch on several threads: every item comes
 * back once, in input order, with exactly its own windows' scores, whether it has none, one or more windows
 * than a batch holds; batches never mix groups and never exceed the batch size.
 */
class ScoringEngineTest {
    private static final int LENGTH = 3;

    /** An item with n windows; window w's channel codes are (id, w, group). */
    private record Item(int id, int windows, int group) implements Encodable {
        @Override
        public int length() {
            return LENGTH;
        }

        @Override
        public void encode(int window, byte[] dest, int offset) {
            dest[offset] = (byte) id;
            dest[offset + 1] = (byte) window;
            dest[offset + 2] = (byte) group;
        }
    }

    /** Scores a window as (id, window); sleeps a random while, so later batches often finish first. */
    private static final class SlowScorer implements WindowScorer {
        final Set<Integer> batchSizes = ConcurrentHashMap.newKeySet();
        final AtomicInteger mixedGroups = new AtomicInteger();
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();

        @Override
        public int outputs() {
            return 2;
        }

        @Override
        public int parallelism() {
            return 3;
        }

        @Override
        public float[] score(byte[] channels, int count) {
            threads.add(Thread.currentThread());
            batchSizes.add(count);
            float[] scores = new float[count * 2];
            for (int i = 0; i < count; i++) {
                scores[2 * i] = channels[i * LENGTH];
                scores[2 * i + 1] = channels[i * LENGTH + 1];
                if (channels[i * LENGTH + 2] != channels[2]) {
                    mixedGroups.incrementAndGet();
                }
            }
            try {
                Thread.sleep(new Random().nextInt(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return scores;
        }

        @Override
        public String describe() {
            return "slow";
        }

        @Override
        public String bitsDependOn(int batchSize) {
            return "slow";
        }
    }

    @Test
    void itemsComeBackInOrderWithTheirOwnScores() {
        Random random = new Random(3);
        List<Item> items = new ArrayList<>();
        for (int id = 0; id < 120; id++) {
            int windows = id % 10 == 0 ? 0 : id % 7 == 0 ? 13 : 1 + random.nextInt(3);
            items.add(new Item(id, windows, id / 40));
        }
        SlowScorer scorer = new SlowScorer();
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        long windows = new ScoringEngine(scorer, LENGTH, 5).run(items.iterator(), item -> item.group(), (item, scores, offset) -> {
            order.add(item.id());
            for (int w = 0; w < item.windows(); w++) {
                assertEquals(item.id(), scores[offset + 2 * w], "item " + item.id() + " window " + w);
                assertEquals(w, scores[offset + 2 * w + 1], "item " + item.id() + " window " + w);
            }
        }, ProgressMeter.silent());

        assertEquals(items.stream().map(Item::id).toList(), order);
        assertEquals(items.stream().mapToLong(Item::windows).sum(), windows);
        assertEquals(0, scorer.mixedGroups.get(), "a batch held windows of two groups");
        assertTrue(scorer.batchSizes.stream().allMatch(size -> size >= 1 && size <= 5), "batch sizes " + scorer.batchSizes);
        assertTrue(scorer.threads.size() > 1, "scored on one thread only: " + scorer.threads);
    }

    @Test
    void aWindowOfTheWrongLengthIsRefused() {
        Encodable tooLong = new Encodable() {
            public int length() {
                return LENGTH + 1;
            }

            public void encode(int window, byte[] dest, int offset) {
            }
        };
        ScoringEngine engine = new ScoringEngine(new SlowScorer(), LENGTH, 4);
        assertThrows(IllegalArgumentException.class,
                () -> engine.run(List.of(tooLong).iterator(), (item, scores, offset) -> { }, ProgressMeter.silent()));
    }

    @Test
    void nothingToScoreStillDeliversEveryItem() {
        List<Integer> order = new ArrayList<>();
        List<Item> empty = List.of(new Item(1, 0, 0), new Item(2, 0, 0));
        long windows = new ScoringEngine(new SlowScorer(), LENGTH, 4).run(empty.iterator(),
                (item, scores, offset) -> order.add(item.id()), ProgressMeter.silent());
        assertEquals(0, windows);
        assertArrayEquals(new Object[] {1, 2}, order.toArray());
    }
}
