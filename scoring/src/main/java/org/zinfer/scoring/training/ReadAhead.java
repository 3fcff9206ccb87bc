package org.zinfer.scoring.training;

import org.zinfer.scoring.engine.Futures;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * An iterator whose next element is fetched on a thread of its own while the caller works on the current one
 * (training batches read and shuffled while a device computes). Every call on the source happens on that one
 * thread, in order, so the elements are the source's, in its order.
 */
final class ReadAhead<T> implements Iterator<T>, AutoCloseable {
    private final Iterator<T> source;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "zinfer-read-ahead");
        thread.setDaemon(true);
        return thread;
    });
    private Future<Optional<T>> pending;

    ReadAhead(Iterator<T> source) {
        this.source = source;
        this.pending = fetch();
    }

    private Future<Optional<T>> fetch() {
        return reader.submit(() -> source.hasNext() ? Optional.of(source.next()) : Optional.empty());
    }

    @Override
    public boolean hasNext() {
        return await().isPresent();
    }

    @Override
    public T next() {
        T element = await().orElseThrow(NoSuchElementException::new);
        pending = fetch();
        return element;
    }

    private Optional<T> await() {
        return Futures.await(pending, "reading ahead");
    }

    @Override
    public void close() {
        reader.shutdownNow();
    }
}
