package io.pulse.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine a benchmark ran on, for comparing results.
 *
 * @param cpuModel the first "model name" of /proc/cpuinfo, or null where there is none
 * @param memoryBytes MemTotal of /proc/meminfo, or -1
 */
record MachineInfo(
        int cores,
        String cpuModel,
        long memoryBytes,
        long maxHeapBytes,
        String java,
        String javaVm,
        String os) {

    static MachineInfo current() {
        return new MachineInfo(
                Runtime.getRuntime().availableProcessors(),
                cpuModel(lines("/proc/cpuinfo")),
                memoryBytes(lines("/proc/meminfo")),
                Runtime.getRuntime().maxMemory(),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                System.getProperty("os.name")
                        + " "
                        + System.getProperty("os.version")
                        + " "
                        + System.getProperty("os.arch"));
    }

    static String cpuModel(List<String> cpuinfo) {
        for (String line : cpuinfo) {
            if (line.startsWith("model name")) {
                int colon = line.indexOf(':');
                return colon < 0 ? null : line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    static long memoryBytes(List<String> meminfo) {
        for (String line : meminfo) {
            if (line.startsWith("MemTotal:")) {
                String[] parts = line.substring("MemTotal:".length()).trim().split("\\s+");
                try {
                    long value = Long.parseLong(parts[0]);
                    return parts.length > 1 && parts[1].equalsIgnoreCase("kB")
                            ? value * 1024
                            : value;
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
