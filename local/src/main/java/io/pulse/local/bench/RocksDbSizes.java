package io.pulse.local.bench;

import io.pulse.local.soak.JobProbe;

import java.io.IOException;

/**
 * The size of an operator's RocksDB state as RocksDB itself reports it, from Flink's RocksDB native
 * metrics (one per column family, that is per state, summed; see {@link BenchCluster} for the
 * options that turn them on).
 *
 * @param liveDataBytes {@code estimate-live-data-size}: the data of the latest version of every key
 *     in the SST files, what compaction would keep
 * @param totalSstBytes {@code total-sst-files-size}: every SST file, obsolete versions included
 * @param liveSstBytes {@code live-sst-files-size}: the SST files of the current version
 * @param memTableBytes {@code size-all-mem-tables}: not yet flushed to SST files (read right after
 *     a checkpoint, which flushes them, this is about zero)
 */
record RocksDbSizes(long liveDataBytes, long totalSstBytes, long liveSstBytes, long memTableBytes) {

    /**
     * Reads the sizes of the operator's states; the REST API shows RocksDB's {@code rocksdb.x}
     * metrics as {@code rocksdb_x}.
     */
    static RocksDbSizes read(JobProbe probe, String operator)
            throws IOException, InterruptedException {
        return new RocksDbSizes(
                probe.sumOfAll(operator, "rocksdb_estimate-live-data-size"),
                probe.sumOfAll(operator, "rocksdb_total-sst-files-size"),
                probe.sumOfAll(operator, "rocksdb_live-sst-files-size"),
                probe.sumOfAll(operator, "rocksdb_size-all-mem-tables"));
    }
}
