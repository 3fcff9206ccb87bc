package org.zinfer.scoring.training;

import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Takes {@link Trainer}'s steps for a network it read its parameters from: zinfer's CPU trainer or its device trainer.
 * Both keep the variables, and the optimizer state, in the same order and layout, so that a checkpoint written
 * while one trains resumes in the other.
 */
public interface BatchTrainer {
    /** For the log. */
    String describe();

    /** One Adam step on a batch of windows ([batch][4][length] one-hot, labels [batch][outputs]); returns the batch's loss. */
    double fit(float[] inputs, float[] labels, int batch);

    /** Writes the current parameters into the network. */
    void store(ComputationGraph network);

    /** Steps taken and both moment estimates of every variable, flat. */
    float[] optimizerState();

    void restoreOptimizerState(float[] state);
}
