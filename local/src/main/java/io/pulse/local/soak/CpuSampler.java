package io.pulse.local.soak;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples this JVM's and the whole machine's CPU use, so that a run shows how much else was
 * running.
 */
final class CpuSampler {
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final List<Double> process = new ArrayList<>();
    private final List<Double> machine = new ArrayList<>();

    /**
     * Both loads since the previous call, as shares of all cores; negative values (not available
     * yet) are skipped.
     */
    void sample() {
        double p = os.getProcessCpuLoad();
        double m = os.getCpuLoad();
        if (p >= 0) {
            process.add(p);
        }
        if (m >= 0) {
            machine.add(m);
        }
    }

    SoakResult.Machine result() {
        return new SoakResult.Machine(
                Runtime.getRuntime().availableProcessors(),
                Summary.of(process),
                Summary.of(machine));
    }
}
