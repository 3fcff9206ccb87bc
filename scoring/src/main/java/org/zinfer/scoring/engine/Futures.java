package org.zinfer.scoring.engine;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work handed to another thread: its result, or its failure as it was thrown there. */
public final class Futures {
    private Futures() {
    }

    /** The result; a RuntimeException thrown by the work comes out unchanged. doing: for the message when interrupted. */
    public static <T> T await(Future<T> future, String doing) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + doing, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
