package org.zinfer.cli;

import org.zinfer.formats.InputException;
import org.zinfer.scoring.bundle.Version;
import org.zinfer.scoring.compute.OpenBlasCore;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

@Command(name = "zinfer", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Predicts where zinc-finger (ZNF) transcription factors bind DNA.",
        subcommands = {ScanCommand.class, PredictCommand.class, VariantsCommand.class, MergeCommand.class, HubCommand.class, CalibrateCommand.class, CallCommand.class, ExplainCommand.class, MotifsCommand.class, ReportCommand.class, SimulateCommand.class,
                DatasetCommand.class, TrainCommand.class, EvaluateCommand.class, ImportCommand.class, ModelsCommand.class, InfoCommand.class})
public final class Main {
    /** Set in the relaunched JVM so it does not relaunch again. */
    private static final String RELAUNCHED = "zinfer.relaunched";
    private static final Set<String> STREAMING_COMMANDS = Set.of("scan", "predict", "variants", "merge", "evaluate");
    /** Commands whose classes (a model's, the engine's, the genome's) are what {@link ClassArchive} is worth keeping. */
    private static final Set<String> ARCHIVING_COMMANDS = Set.of("scan", "predict", "variants");

    public static void main(String[] args) {
        boolean vectorApi = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if ((System.getenv("OMP_WAIT_POLICY") == null || !vectorApi) && System.getProperty(RELAUNCHED) == null) {
            System.exit(relaunchWithPassiveOpenMp(args));
        }
        System.exit(run(args));
    }

    /** Runs a command line in this JVM and returns the exit code; errors are one line on stderr. */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("zinfer: error: " + message(e));
            if (Boolean.getBoolean("zinfer.debug")) {
                e.printStackTrace(cmd.getErr());
            }
            return e instanceof InputException ? 1 : 70;
        });
        try {
            return commandLine.execute(args);
        } catch (Throwable e) {
            // Errors (not Exceptions) bypass picocli's handler; they still get one line, not a stack trace.
            System.err.println("zinfer: error: " + message(e));
            if (Boolean.getBoolean("zinfer.debug")) {
                e.printStackTrace();
            }
            return 70;
        }
    }

    private static String message(Throwable e) {
        if (e instanceof InputException) {
            return e.getMessage();
        }
        if (e instanceof UncheckedIOException io) {
            return io.getMessage() + ": " + io.getCause().getMessage();
        }
        if (e instanceof OutOfMemoryError) {
            return "out of memory; give Java more with JAVA_TOOL_OPTIONS=-Xmx8g or lower --batch";
        }
        return "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage() + " (run with -Dzinfer.debug=true for details)";
    }

    /**
     * ND4J's OpenMP threads spin while waiting unless OMP_WAIT_POLICY=PASSIVE is set before the native library
     * loads; with few cores that makes the BiLSTM several times slower. The variable can only be set for a new
     * process, so the launcher runs the same command again in a child JVM with it set, and with the JDK's
     * Vector API module (SIMD exp and tanh for the LSTM gates), which a jar manifest cannot add. OpenBLAS's kernels
     * are chosen the same way, once, when it loads ({@link OpenBlasCore}). The child maps the classes it loads from
     * an archive when an earlier run left one ({@link ClassArchive}).
     */
    private static int relaunchWithPassiveOpenMp(String[] args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        List<String> jvmArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        boolean streaming = args.length > 0 && STREAMING_COMMANDS.contains(args[0]);
        if (streaming && jvmArguments.stream().noneMatch(a -> a.startsWith("-Xmx") || a.startsWith("-XX:MaxRAM"))) {
            // Scans stream: a small heap keeps resident memory flat; -Xmx on the java command line overrides it.
            // Datasets are built in memory (jHDF writes a dataset in one go), so those commands keep Java's default.
            command.add(defaultHeap(Runtime.getRuntime().availableProcessors()));
        }
        if (jvmArguments.stream().noneMatch(a -> a.matches("-XX:[+-]Use\\w*GC"))) {
            // Throughput over pause times: G1 ran concurrent cycles for the workers' large, long-lived buffers and
            // cost a 20,000-window scan 0.3-1.0 s of 5 (2 cores); a GC the user names is kept.
            command.add("-XX:+UseParallelGC");
        }
        ClassArchive archive = ClassArchive.forThisJvm();
        if (archive != null) {
            command.addAll(archive.jvmOptions(args.length > 0 && ARCHIVING_COMMANDS.contains(args[0])));
        }
        command.addAll(jvmArguments);
        command.add("-D" + RELAUNCHED + "=true");
        command.add("--add-modules=jdk.incubator.vector");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO().redirectError(ProcessBuilder.Redirect.PIPE);
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        OpenBlasCore.forThisCpu().ifPresent(core -> builder.environment().putIfAbsent("OPENBLAS_CORETYPE", core));
        try {
            Process child = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(child::destroy));
            Thread errors = new Thread(() -> copyErrors(child));
            errors.start();
            int code = child.waitFor();
            errors.join();
            if (archive != null) {
                archive.exited();
            }
            return code;
        } catch (IOException e) {
            System.err.println("zinfer: error: cannot start Java: " + e.getMessage());
            return 70;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /**
     * The heap of a streaming command: 1 GB, and more with more cores, one worker each, whose buffers (about
     * 100 MB for the thesis' model at the default batch) live on the heap.
     */
    private static String defaultHeap(int cores) {
        return "-Xmx" + Math.max(1024, 256 + 128L * cores) + "m";
    }

    /** Passes the child's stderr on, less the JVM's notice that it uses the (incubating) Vector API module. */
    private static void copyErrors(Process child) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.equals("WARNING: Using incubator modules: jdk.incubator.vector")) {
                    System.err.println(line);
                }
            }
        } catch (IOException e) {
            System.err.println("zinfer: error: lost the output of the scoring process: " + e.getMessage());
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"zinfer " + Version.current()};
        }
    }
}
