package org.dirstore.bench.util;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts a child JVM on this JVM's class path, reads its standard output line by line, and can kill it (-9). */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final Path errLog;

    private ChildJvm(Process process, Path errLog) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.errLog = errLog;
    }

    /** Starts {@code mainClass} with {@code args}; its standard error goes to {@code errLog}. */
    public static ChildJvm start(List<String> jvmOptions, Path errLog, Class<?> mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(errLog.toFile()).start();
        return new ChildJvm(p, errLog);
    }

    /** Every line the child prints until it exits; fails on a non-zero exit code. */
    public List<String> readAll(long minutes) throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            lines.add(line);
        }
        awaitExit(minutes);
        return lines;
    }

    /** The next line the child printed that starts with {@code prefix}; fails if it exits first. */
    public String awaitLine(String prefix) throws IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new IOException("child JVM ended without printing '" + prefix + "': exit " + waitQuietly() + "; stderr: "
                + Files.readString(errLog));
    }

    /** Kills the child the hard way (SIGKILL on Linux) and waits for it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Waits for a normal exit; fails on a non-zero exit code or after {@code minutes}. */
    public void awaitExit(long minutes) throws IOException, InterruptedException {
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("child JVM did not finish within " + minutes + " minutes");
        }
        if (process.exitValue() != 0) {
            throw new IOException("child JVM failed with exit code " + process.exitValue() + ": " + Files.readString(errLog));
        }
    }

    private int waitQuietly() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        out.close();
    }
}
