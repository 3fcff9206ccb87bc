package org.zinfer.gpu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.formats.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finding the user's CUDA libraries: where installs put them, in load order, and one line when one is missing. */
class CudaLibrariesTest {
    @TempDir
    Path root;

    @Test
    void findsALibraryInAToolkitTheDriverFolderAndPipWheels() throws IOException {
        Path driver = library(root.resolve("nvidia/lib64"), "libcuda.so.1");
        Path runtime = library(root.resolve("cuda-13.1/lib64"), "libcudart.so.13");
        Path wheels = root.resolve("venv/lib/python3.12/site-packages/nvidia");
        Path blasLt = library(wheels.resolve("cu13/lib"), "libcublasLt.so.13");
        Path blas = library(wheels.resolve("cu13/lib"), "libcublas.so.13");
        Path builtins = library(wheels.resolve("cuda_nvrtc/lib"), "libnvrtc-builtins.so.13.1");
        Path nvrtc = library(wheels.resolve("cuda_nvrtc/lib"), "libnvrtc.so.13");
        library(root.resolve("cuda-12.8/lib64"), "libcudart.so.12");
        Map<String, String> env = Map.of("LD_LIBRARY_PATH", root.resolve("nvidia/lib64") + "::" + root.resolve("cuda-13.1/lib64"),
                "VIRTUAL_ENV", root.resolve("venv").toString());
        CudaLibraries found = CudaLibraries.find(13, CudaLibraries.searchPath(env, root.resolve("home")));
        assertEquals(List.of(driver, runtime, blasLt, blas, builtins, nvrtc), List.copyOf(found.paths().values()));
    }

    @Test
    void aMissingLibraryIsNamedWithEveryFolderSearched() throws IOException {
        library(root.resolve("a"), "libcuda.so.1");
        library(root.resolve("a"), "libcudart.so.12");
        library(root.resolve("b"), "libcudart.so.13");
        InputException e = assertThrows(InputException.class, () -> CudaLibraries.find(13, List.of(root.resolve("a"), root.resolve("b"))));
        assertEquals("--device gpu: CUDA 13 library libcublasLt.so.13, libcublas.so.13, libnvrtc-builtins.so.13, libnvrtc.so.13 not found; "
                + "searched " + root.resolve("a") + ":" + root.resolve("b") + " (set ZINFER_CUDA_PATH to the folders that hold them)", e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }

    @Test
    void zinferCudaPathComesFirstAndMissingFoldersAreDropped() throws IOException {
        Path mine = Files.createDirectories(root.resolve("mine"));
        List<Path> folders = CudaLibraries.searchPath(Map.of("ZINFER_CUDA_PATH", mine + ":" + root.resolve("absent")), root);
        assertEquals(mine, folders.get(0));
        assertTrue(folders.stream().allMatch(Files::isDirectory));
    }

    private static Path library(Path folder, String name) throws IOException {
        Files.createDirectories(folder);
        return Files.writeString(folder.resolve(name), "not really a library");
    }
}
