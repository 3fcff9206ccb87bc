package org.zinfer.gpu;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * kernels.cu compiles with the options NVRTC gets, without a GPU: by nvcc where the CUDA toolkit is installed
 * (CUDA_HOME, /usr/local/cuda); and every kernel the Java side launches is one it defines.
 */
class KernelSourceTest {
    private static final List<String> LAUNCHED = List.of("lookup_convolution", "pool_activate", "lstm_step", "bias_activate", "bias_softmax", "adam_step",
            "unfold_rows", "fold_rows", "pool_keep", "unpool", "multiply_by_derivative", "multiply_elements", "lstm_forward", "lstm_backward");

    @Test
    void definesEveryKernelTheStreamLaunches() {
        Matcher kernels = Pattern.compile("extern \"C\" __global__ void (\\w+)\\(").matcher(Kernels.source());
        List<String> defined = kernels.results().map(m -> m.group(1)).toList();
        assertEquals(LAUNCHED, defined);
    }

    @Test
    void compilesToPtxForHopper(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException, InterruptedException {
        Path nvcc = Path.of(System.getenv().getOrDefault("CUDA_HOME", "/usr/local/cuda"), "bin", "nvcc");
        assumeTrue(Files.isExecutable(nvcc), "no CUDA toolkit (nvcc) here; skipping");
        Path source = Files.writeString(dir.resolve("kernels.cu"), Kernels.source());
        Path ptx = dir.resolve("kernels.ptx");
        Process process = new ProcessBuilder(nvcc.toString(), "-ptx", "-arch=compute_90", "--fmad=false", "-std=c++14",
                "-o", ptx.toString(), source.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        String text = Files.readString(ptx);
        for (String kernel : LAUNCHED) {
            String body = entry(text, kernel);
            assertTrue(body.contains("st.global"), kernel + " stores nothing (compiled away, as a helper that called itself once was)");
            assertTrue(!body.contains("call"), kernel + " calls a function: a recursive helper or a math routine that was not inlined");
        }
    }

    /** The PTX of one kernel, from its .entry to the next one. */
    private static String entry(String ptx, String kernel) {
        int from = ptx.indexOf(".entry " + kernel + "(");
        assertTrue(from >= 0, kernel + " missing from the PTX");
        int to = ptx.indexOf(".entry ", from + 1);
        return ptx.substring(from, to < 0 ? ptx.length() : to);
    }
}
