package org.carewatch.tools.bench.rtsp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A child JVM on this JVM's class path, so the benchmark can run the simulator and the baseline in their
 * own processes and meter their CPU apart. The child's stdout lines are forwarded to our stderr (prefixed)
 * except the one a caller waits for. The child reads its stdin and exits when it closes, so a child never
 * outlives the benchmark.
 */
final class ChildJvm implements AutoCloseable {

    /** System properties handed down to children (native platform choice, logging config). */
    private static final List<String> INHERITED = List.of("org.bytedeco.javacpp.platform.extension",
            "logback.configurationFile");

    private final String name;
    private final Process process;
    private final List<Awaited> awaited = new ArrayList<>();

    private record Awaited(Predicate<String> match, CompletableFuture<String> line) {
    }

    private ChildJvm(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(this::forward, "child-" + name + "-out");
        reader.setDaemon(true);
        reader.start();
    }

    static ChildJvm start(String name, Class<?> main, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-XX:+UseSerialGC");
        for (String key : INHERITED) {
            String v = System.getProperty(key);
            if (v != null) {
                cmd.add("-D" + key + "=" + v);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new ChildJvm(name, p);
    }

    long pid() {
        return process.pid();
    }

    /** The first stdout line (from now on) that {@code match} accepts. */
    String awaitLine(Predicate<String> match, Duration timeout) throws IOException {
        CompletableFuture<String> f = new CompletableFuture<>();
        synchronized (awaited) {
            awaited.add(new Awaited(match, f));
        }
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException(name + ": no expected output within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new IOException(name + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private void forward() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                boolean taken = false;
                synchronized (awaited) {
                    for (var it = awaited.iterator(); it.hasNext(); ) {
                        Awaited a = it.next();
                        if (a.match().test(line)) {
                            a.line().complete(line);
                            it.remove();
                            taken = true;
                            break;
                        }
                    }
                }
                if (!taken) {
                    System.err.println("[" + name + "] " + line);
                }
            }
        } catch (IOException e) {
            // Child gone.
        }
        synchronized (awaited) {
            awaited.forEach(a -> a.line().completeExceptionally(
                    new IOException("process ended (exit " + exitCode() + ")")));
            awaited.clear();
        }
    }

    private String exitCode() {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    /** Closes the child's stdin (its signal to stop), waits up to 10 s, then kills it. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Already gone.
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Blocks until stdin reaches end of file: how a child learns that its parent is done (or dead). */
    static void awaitStdinClosed() {
        try {
            while (System.in.read() >= 0) {
                // Ignore input.
            }
        } catch (IOException e) {
            // Treat as closed.
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
    }
}
