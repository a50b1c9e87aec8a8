package io.pulse.local.bench;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clusters and brokers a benchmark has open, closed by a shutdown hook when the JVM stops under
 * them (Ctrl-C, a timeout): their directories in /tmp, gigabytes after a large scale point, would
 * otherwise stay behind.
 */
final class OpenResources {
    private static final Set<AutoCloseable> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(OpenResources::closeAll, "pulse-bench-cleanup"));
    }

    private OpenResources() {}

    static void opened(AutoCloseable resource) {
        OPEN.add(resource);
    }

    static void closed(AutoCloseable resource) {
        OPEN.remove(resource);
    }

    private static void closeAll() {
        for (AutoCloseable resource : OPEN) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("pulse-bench: could not close " + resource + ": " + e);
            }
        }
    }
}
