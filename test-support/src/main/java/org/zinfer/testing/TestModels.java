package org.zinfer.testing;

import java.nio.file.Path;

/** Small Keras model files made for the tests by test-support/python/make_keras_file.py (h5py). */
public final class TestModels {
    private TestModels() {
    }

    /**
     * kind: convrnn (a small conv + BiLSTM with 2 outputs), convrnn-reseeded (the same with other weights) or lambda
     * (the same with a Lambda layer).
     */
    public static Path kerasFile(Path dir, String kind) {
        TestEnvironment.requirePythonModules("numpy", "h5py");
        Path file = dir.resolve(kind + ".h5");
        String script = TestEnvironment.root().resolve("test-support/python/make_keras_file.py").toString();
        TestEnvironment.run(TestEnvironment.python(script, file.toString(), kind));
        return file;
    }
}
