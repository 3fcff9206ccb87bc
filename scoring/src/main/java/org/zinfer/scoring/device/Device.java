package org.zinfer.scoring.device;

/**
 * An accelerator that runs the fast engine's plan: a name for the log and streams, each an in-order queue of
 * work with its own memory. The GPU engine is a {@link Device} over CUDA (the zinfer-gpu module);
 * {@link HostDevice} computes the same operations in plain Java, so the plan's use of them is tested anywhere.
 */
public interface Device extends AutoCloseable {
    /** For the log: which device, which libraries. */
    String describe();

    /** A new stream; each worker thread owns one. */
    DeviceStream openStream();

    @Override
    void close();
}
