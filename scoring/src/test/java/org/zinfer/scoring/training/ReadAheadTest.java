package org.zinfer.scoring.training;

import org.junit.jupiter.api.Test;
import org.zinfer.formats.InputException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Read-ahead gives the source's elements in order, asks the source from one thread, and passes its failures on as they are. */
class ReadAheadTest {
    @Test
    void givesTheSourcesElementsInOrderFromOneThread() {
        List<Thread> threads = new ArrayList<>();
        Iterator<Integer> source = IntStream.range(0, 100).peek(i -> threads.add(Thread.currentThread())).iterator();
        List<Integer> seen = new ArrayList<>();
        try (ReadAhead<Integer> ahead = new ReadAhead<>(source)) {
            ahead.forEachRemaining(seen::add);
            assertFalse(ahead.hasNext());
        }
        assertEquals(IntStream.range(0, 100).boxed().toList(), seen);
        assertEquals(1, threads.stream().distinct().count());
        assertFalse(threads.contains(Thread.currentThread()), "read on a thread of its own");
    }

    @Test
    void passesTheSourcesFailureOn() {
        InputException failure = new InputException("train.h5: cannot read windows 512-767");
        Iterator<Integer> source = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (next == 2) {
                    throw failure;
                }
                return next++;
            }
        };
        try (ReadAhead<Integer> ahead = new ReadAhead<>(source)) {
            assertEquals(0, ahead.next());
            assertEquals(1, ahead.next());
            assertSame(failure, assertThrows(InputException.class, ahead::next));
        }
    }
}
