package org.zinfer.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A class-data-sharing archive (the JDK's dynamic AppCDS) of the classes a zinfer run loads, kept in the user's
 * cache: the relaunched JVM maps it instead of reading, verifying and linking thousands of classes from the jar
 * (0.2-0.4 s of the second before a scan starts scoring). The first scan, predict or variants run of a jar on a
 * JDK writes it as it exits (about a second more), under a name of its own that is renamed once complete, so
 * that runs starting together do not read half an archive; a rebuilt jar or another JDK gets a new one, which
 * replaces the jar's old one. It changes nothing a run computes. Off with -Dzinfer.classArchive=false, or where
 * the cache cannot be written; -Dzinfer.classArchive.directory=DIR keeps it elsewhere.
 */
final class ClassArchive {
    private final Path archive;
    private final Path pending;

    private ClassArchive(Path archive, Path pending) {
        this.archive = archive;
        this.pending = pending;
    }

    /** The archive for this jar and JDK in the user's cache, or null when it is turned off or there is no jar. */
    static ClassArchive forThisJvm() {
        if (!Boolean.parseBoolean(System.getProperty("zinfer.classArchive", "true"))) {
            return null;
        }
        Path jar = Path.of(System.getProperty("java.class.path"));
        if (!jar.toString().endsWith(".jar") || !Files.isRegularFile(jar)) {
            return null;
        }
        try {
            return of(cacheDirectory(), jar, System.getProperty("java.home") + " " + System.getProperty("java.vm.version"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The archive for jar run by the JDK named jdk, in directory (created if missing). */
    static ClassArchive of(Path directory, Path jar, String jdk) throws IOException {
        Path absolute = jar.toAbsolutePath().normalize();
        String place = digest(absolute.toString());
        String state = digest(place + " " + Files.size(absolute) + " " + Files.getLastModifiedTime(absolute).toMillis() + " " + jdk);
        Files.createDirectories(directory);
        Path archive = directory.resolve("classes-" + place + "-" + state + ".jsa");
        return new ClassArchive(archive, directory.resolve(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp"));
    }

    /**
     * Options for the JVM to start: map the archive when there is one; otherwise, when write (a command that loads
     * a model and scores, whose classes are the ones worth archiving), write it at exit.
     */
    List<String> jvmOptions(boolean write) {
        boolean exists = Files.isRegularFile(archive);
        if (!exists && !write) {
            return List.of();
        }
        // the JVM warns on stdout (its log's default) when it cannot map or write an archive; stdout is data
        List<String> options = new ArrayList<>(List.of("-Xshare:auto", "-Xlog:disable", "-Xlog:all=error:stderr"));
        options.add(exists ? "-XX:SharedArchiveFile=" + archive : "-XX:ArchiveClassesAtExit=" + pending);
        return options;
    }

    /** After the JVM exited: keeps what it wrote as the jar's archive, in place of older ones. */
    void exited() {
        if (!Files.isRegularFile(pending)) {
            return;
        }
        try {
            removeOthers();
            Files.move(pending, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(pending);
            } catch (IOException ignored) {
                // a leftover temporary file is harmless; the next run writes its own
            }
        }
    }

    Path archive() {
        return archive;
    }

    private void removeOthers() throws IOException {
        String name = archive.getFileName().toString();
        String prefix = name.substring(0, name.lastIndexOf('-') + 1);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(archive.getParent(), prefix + "*.jsa")) {
            for (Path path : old) {
                if (!path.equals(archive)) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private static Path cacheDirectory() {
        String chosen = System.getProperty("zinfer.classArchive.directory");
        if (chosen != null) {
            return Path.of(chosen);
        }
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("zinfer");
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
