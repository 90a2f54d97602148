package org.dirstore.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Describes the machine a run happened on: CPU, memory, the disk under the work directory, JDK, OS. */
public final class Machine {
    private Machine() {
    }

    /**
     * The load average (1, 5, 15 minutes) and the number of runnable/all tasks, from /proc/loadavg:
     * other processes on the machine share its 2 cores and its disk with the benchmark.
     */
    public static String loadAverage() throws IOException {
        Path p = Path.of("/proc/loadavg");
        return Files.isReadable(p) ? Files.readString(p).trim() : "unknown";
    }

    /** A Markdown table describing the machine and the disk holding {@code work}. */
    public static String describe(Path work) throws IOException, InterruptedException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Markdown t = new Markdown("what", "value");
        t.row("CPU", Runtime.getRuntime().availableProcessors() + " cores" + cpuModel().map(m -> ", " + m).orElse(""));
        t.row("memory", Markdown.num(os.getTotalMemorySize() / (double) (1L << 30), 1) + " GiB");
        t.row("disk (work directory)", disk(work));
        t.row("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")");
        t.row("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        t.row("load average at start (/proc/loadavg)", loadAverage());
        t.row("JVM options", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()).replace("|", "/"));
        return t.render();
    }

    private static Optional<String> cpuModel() throws IOException {
        Path info = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(info)) {
            return Optional.empty();
        }
        return Files.readAllLines(info).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst();
    }

    private static String disk(Path work) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("df", "-hT", work.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            return "unknown (df failed: " + out.trim() + ")";
        }
        List<String> lines = out.lines().toList();
        String[] f = lines.get(lines.size() - 1).trim().split("\\s+");
        String device = f[0];
        String rotational = "";
        Path rot = Path.of("/sys/block", Path.of(device).getFileName().toString(), "queue", "rotational");
        if (Files.isReadable(rot)) {
            rotational = Files.readString(rot).trim().equals("1") ? ", reported rotational (virtio reports 1 by default)"
                    : ", reported non-rotational";
        }
        return device + " " + f[1] + ", " + f[2] + " (" + f[4] + " free), mounted on " + f[f.length - 1] + rotational;
    }
}
