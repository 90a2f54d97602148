package org.dirstore.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real child JVM running a main class of the test class path, whose stdout lines are collected. */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final StringBuilder errors = new StringBuilder();
    private final Thread reader;
    private final Thread errReader;

    private ChildJvm(Process process) {
        this.process = process;
        reader = new Thread(() -> pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), lines));
        errReader = new Thread(() -> {
            List<String> err = new ArrayList<>();
            pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), err);
            synchronized (errors) {
                err.forEach(l -> errors.append(l).append('\n'));
            }
        });
        reader.start();
        errReader.start();
    }

    private static void pump(BufferedReader r, List<String> into) {
        try (r) {
            for (String line; (line = r.readLine()) != null; ) {
                into.add(line);
            }
        } catch (IOException e) {
            into.add("!! stream error: " + e);
        }
    }

    public static ChildJvm start(Class<?> main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(cmd).start());
    }

    /** Waits until some stdout line matches, or fails after {@code seconds}. */
    public String await(Predicate<String> matcher, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            for (String l : lines) {
                if (matcher.test(l)) {
                    return l;
                }
            }
            if (!process.isAlive() && !reader.isAlive()) {
                break;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("child never printed the expected line; exit=" + (process.isAlive() ? "running" : process.exitValue())
                + "\nstdout tail: " + tail() + "\nstderr: " + stderr());
    }

    /** kill -9: the child gets no chance to clean up. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        reader.join(10_000);
        errReader.join(10_000);
    }

    public int waitFor(int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("child did not finish in " + seconds + " s");
        }
        reader.join(10_000);
        errReader.join(10_000);
        return process.exitValue();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public String stderr() {
        synchronized (errors) {
            return errors.toString();
        }
    }

    private String tail() {
        List<String> l = lines();
        return String.join("\n", l.subList(Math.max(0, l.size() - 10), l.size()));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
