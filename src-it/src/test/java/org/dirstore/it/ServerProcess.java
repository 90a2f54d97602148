package org.dirstore.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/**
 * A WildFly server that the test starts, kills with SIGKILL and restarts itself (Arquillian's
 * managed container cannot survive a kill -9). It runs from the unpacked distribution with a server
 * base directory of its own under target/ and its own port offset.
 */
final class ServerProcess {
    private final Path jbossHome = Path.of(System.getProperty("jboss.home"));
    private final Path base;
    private final int offset;
    private Process process;
    private int starts;

    ServerProcess(String name, int offset) {
        this.base = Path.of(System.getProperty("it.work.dir", "target/it-work")).resolve(name).toAbsolutePath();
        this.offset = offset;
    }

    int httpPort() {
        return 8080 + offset;
    }

    int managementPort() {
        return 9990 + offset;
    }

    Path dataDir() {
        return base.resolve("data");
    }

    Path base() {
        return base;
    }

    /** A fresh copy of standalone/ with the EAR in its deployments directory. */
    void prepare(EnterpriseArchive ear) throws IOException {
        if (Files.exists(base)) {
            try (Stream<Path> s = Files.walk(base)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Path from = jbossHome.resolve("standalone");
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path to = base.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        ear.as(ZipExporter.class).exportTo(base.resolve("deployments").resolve("dirstore.ear").toFile(), true);
    }

    /** Starts standalone-full and waits until the EAR is deployed. */
    void start() throws Exception {
        Path deployments = base.resolve("deployments");
        Files.deleteIfExists(deployments.resolve("dirstore.ear.deployed"));
        Files.deleteIfExists(deployments.resolve("dirstore.ear.failed"));
        List<String> cmd = new ArrayList<>(List.of(jbossHome.resolve("bin/standalone.sh").toString(),
                "-c", "standalone-full.xml",
                "-Djboss.server.base.dir=" + base,
                "-Djboss.socket.binding.port-offset=" + offset,
                // let the recovery manager scan every few seconds instead of every two minutes
                "-DRecoveryEnvironmentBean.periodicRecoveryPeriod=5",
                "-DRecoveryEnvironmentBean.recoveryBackoffPeriod=2",
                "-Dcom.arjuna.ats.arjuna.common.RecoveryEnvironmentBean.periodicRecoveryPeriod=5",
                "-Dcom.arjuna.ats.arjuna.common.RecoveryEnvironmentBean.recoveryBackoffPeriod=2"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("JAVA_OPTS", "-Xms64m -Xmx768m -Djava.net.preferIPv4Stack=true");
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("console-" + (++starts) + ".log").toFile()));
        process = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(deployments.resolve("dirstore.ear.deployed"))) {
                return;
            }
            if (Files.exists(deployments.resolve("dirstore.ear.failed"))) {
                throw new IllegalStateException("deployment failed: " + Files.readString(deployments.resolve("dirstore.ear.failed")));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue() + "; see " + base);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("server did not deploy the EAR within 120 s; see " + base);
    }

    /** SIGKILL to the server JVM (and the launcher script). */
    void kill9() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(process.toHandle().descendants().toList());
        all.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("server JVM " + h.pid() + " did not die", e);
            }
        }
        process = null;
    }

    /** Waits for the server JVM to end by itself (for example after Runtime.halt). */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>(process.toHandle().descendants().toList());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (all.stream().noneMatch(ProcessHandle::isAlive)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                process = null;
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** Graceful stop (SIGTERM to the JVM). */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(process.toHandle().descendants().toList());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
        process.destroy();
        process.waitFor(30, TimeUnit.SECONDS);
        process = null;
    }
}
