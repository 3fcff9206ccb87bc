package org.zinfer.gpu;

import org.zinfer.formats.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The user's own CUDA libraries that the GPU engine links: the driver (libcuda.so.1), the runtime, cuBLAS and
 * NVRTC of one CUDA release. They are looked for where CUDA installs put them: ZINFER_CUDA_PATH, LD_LIBRARY_PATH,
 * CUDA_HOME and CUDA_PATH, the driver's /usr/local/nvidia, every /usr/local/cuda*, the system library folders,
 * and the nvidia-* pip wheels under every Python site-packages folder (PyTorch brings them). Each is then
 * loaded by its full path, dependencies first, so that the JavaCPP presets find them already loaded.
 */
public final class CudaLibraries {
    /** Wheels nest their libraries a few folders under site-packages/nvidia (nvidia/cublas/lib, nvidia/cu13/lib). */
    private static final int WHEEL_DEPTH = 4;
    private final Map<String, Path> found;

    private CudaLibraries(Map<String, Path> found) {
        this.found = found;
    }

    /** The library file names, in load order, for CUDA release major. */
    static List<String> names(int major) {
        return List.of("libcuda.so.1", "libcudart.so." + major, "libcublasLt.so." + major, "libcublas.so." + major,
                "libnvrtc-builtins.so." + major, "libnvrtc.so." + major);
    }

    /** Finds every library of the release in the folders, or fails in one line naming what is missing and where it looked. */
    static CudaLibraries find(int major, List<Path> folders) {
        Map<String, Path> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String name : names(major)) {
            Optional<Path> path = folders.stream().map(folder -> match(folder, name)).flatMap(Optional::stream).findFirst();
            path.ifPresentOrElse(p -> found.put(name, p), () -> missing.add(name));
        }
        if (!missing.isEmpty()) {
            throw new InputException("--device gpu: CUDA " + major + " library " + String.join(", ", missing)
                    + " not found; searched " + (folders.isEmpty() ? "nowhere" : folders.stream().map(Path::toString)
                    .reduce((a, b) -> a + ":" + b).orElseThrow()) + " (set ZINFER_CUDA_PATH to the folders that hold them)");
        }
        return new CudaLibraries(found);
    }

    /** Finds the libraries on this machine. */
    public static CudaLibraries find(int major) {
        return find(major, searchPath(System.getenv(), Path.of(System.getProperty("user.home", "/"))));
    }

    /** Loads every library by its full path, in dependency order. */
    public void load() {
        for (Path path : found.values()) {
            System.load(path.toString());
        }
    }

    public Map<String, Path> paths() {
        return found;
    }

    /** The file in the folder that is the library: its exact name, or a versioned one (libnvrtc-builtins.so.13.1). */
    private static Optional<Path> match(Path folder, String name) {
        Path exact = folder.resolve(name);
        if (Files.isRegularFile(exact)) {
            return Optional.of(exact);
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(name + ".") && Files.isRegularFile(f)).sorted().findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The folders to search, in order, that exist. */
    static List<Path> searchPath(Map<String, String> env, Path home) {
        Set<Path> folders = new LinkedHashSet<>();
        for (String variable : List.of("ZINFER_CUDA_PATH", "LD_LIBRARY_PATH")) {
            for (String entry : env.getOrDefault(variable, "").split(":")) {
                if (!entry.isBlank()) {
                    folders.add(Path.of(entry));
                }
            }
        }
        List<Path> roots = new ArrayList<>();
        for (String variable : List.of("CUDA_HOME", "CUDA_PATH")) {
            if (env.containsKey(variable)) {
                roots.add(Path.of(env.get(variable)));
            }
        }
        roots.add(Path.of("/usr/local/nvidia"));
        roots.addAll(children(Path.of("/usr/local"), "cuda"));
        for (Path root : roots) {
            for (String lib : List.of("lib64", "lib", "targets/x86_64-linux/lib", "compat")) {
                folders.add(root.resolve(lib));
            }
        }
        folders.addAll(List.of(Path.of("/usr/lib/x86_64-linux-gnu"), Path.of("/usr/lib64"), Path.of("/lib/x86_64-linux-gnu")));
        for (Path sitePackages : sitePackages(env, home)) {
            folders.addAll(wheelFolders(sitePackages.resolve("nvidia")));
        }
        return folders.stream().filter(Files::isDirectory).toList();
    }

    /** Python site-packages folders: system, /usr/local, the user's, an active virtual or conda environment. */
    private static List<Path> sitePackages(Map<String, String> env, Path home) {
        List<Path> prefixes = new ArrayList<>(List.of(Path.of("/usr"), Path.of("/usr/local"), home.resolve(".local"), Path.of("/opt/conda")));
        for (String variable : List.of("VIRTUAL_ENV", "CONDA_PREFIX")) {
            if (env.containsKey(variable)) {
                prefixes.add(0, Path.of(env.get(variable)));
            }
        }
        List<Path> result = new ArrayList<>();
        for (Path prefix : prefixes) {
            for (Path python : children(prefix.resolve("lib"), "python3")) {
                result.add(python.resolve("site-packages"));
                result.add(python.resolve("dist-packages"));
            }
        }
        return result;
    }

    /** Folders under nvidia/ that hold shared libraries. */
    private static List<Path> wheelFolders(Path nvidia) {
        if (!Files.isDirectory(nvidia)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(nvidia, WHEEL_DEPTH)) {
            return walk.filter(Files::isDirectory).filter(d -> d.getFileName().toString().equals("lib")).sorted().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** The folders in parent whose names start with prefix, sorted. */
    private static List<Path> children(Path parent, String prefix) {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(parent)) {
            return list.filter(p -> p.getFileName().toString().startsWith(prefix) && Files.isDirectory(p)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
