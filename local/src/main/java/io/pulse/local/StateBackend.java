package io.pulse.local;

import java.util.Locale;

/**
 * The state backends a local run can choose ({@code --state-backend}): RocksDB, as deployed, or the
 * heap.
 */
public enum StateBackend {
    ROCKSDB,
    HASHMAP;

    /** The name Flink's {@code state.backend.type} takes. */
    public String flinkName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
