package io.pulse.scoring;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;

/**
 * RocksDB settings for the job's state: many small values (about 1 KB read and written per event, 2
 * KB sealed days touched once a day), looked up by key only, never scanned. A deployment's own
 * value of any of these keys wins; these only fill the gaps (docs/benchmark.md, "RocksDB, memory
 * and object reuse").
 */
public final class RocksDbDefaults {

    private RocksDbDefaults() {}

    /** The defaults whose keys {@code deployment} does not set. */
    public static Configuration missingFrom(ReadableConfig deployment) {
        Configuration defaults = new Configuration();
        // Every event is a point lookup of a key that exists: a bloom filter per SST file spares
        // the lookup in level-0 files that do not hold the key.
        setIfMissing(defaults, deployment, RocksDBConfigurableOptions.USE_BLOOM_FILTER, true);
        // Sizes each level from the last one down, bounding the space old versions of a value take.
        setIfMissing(defaults, deployment, RocksDBConfigurableOptions.USE_DYNAMIC_LEVEL_SIZE, true);
        return defaults;
    }

    private static <T> void setIfMissing(
            Configuration defaults, ReadableConfig deployment, ConfigOption<T> option, T value) {
        if (deployment.getOptional(option).isEmpty()) {
            defaults.set(option, value);
        }
    }
}
