package io.pulse.local.bench;

import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.core.io.InputStatus;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The numbers 0 to n-1, as {@code env.fromSequence} reads them, except that the reader stays open
 * after the last number until the run releases it. Until then the job does not end: its RocksDB
 * instance is still there to be checkpointed and its native metrics read once every record has gone
 * through. A bounded job would close it right after its final checkpoint.
 *
 * <p>Not a {@code DataGeneratorSource}: that wraps every reader in a rate limiter that completes a
 * future per record, a cost the floor pipeline would carry. The MiniCluster runs in this JVM, so
 * the run releases the reader through a gate held here under the run's id.
 */
final class HeldSequenceSource extends NumberSequenceSource {
    private static final long serialVersionUID = 1L;
    private static final Map<String, CompletableFuture<Void>> GATES = new ConcurrentHashMap<>();

    private final String runId;

    private HeldSequenceSource(long count, String runId) {
        super(0, count - 1);
        this.runId = runId;
    }

    /** A source of {@code count} numbers whose reader ends only after {@link #release(String)}. */
    static HeldSequenceSource held(long count, String runId) {
        GATES.put(runId, new CompletableFuture<>());
        return new HeldSequenceSource(count, runId);
    }

    /**
     * A source of {@code count} numbers that ends after the last one, like {@code fromSequence}.
     */
    static HeldSequenceSource ending(long count, String runId) {
        GATES.put(runId, CompletableFuture.completedFuture(null));
        return new HeldSequenceSource(count, runId);
    }

    /** Lets the reader of the run end. */
    static void release(String runId) {
        CompletableFuture<Void> gate = GATES.get(runId);
        if (gate != null) {
            gate.complete(null);
        }
    }

    /** Releases the reader and forgets the run: after the job has ended. */
    static void forget(String runId) {
        release(runId);
        GATES.remove(runId);
    }

    @Override
    public SourceReader<Long, NumberSequenceSplit> createReader(SourceReaderContext readerContext) {
        CompletableFuture<Void> gate = GATES.get(runId);
        if (gate == null) {
            throw new IllegalStateException(
                    "run " + runId + " has no gate: the source must run in the benchmark's JVM");
        }
        return new HeldReader(super.createReader(readerContext), gate);
    }

    /**
     * Passes everything through, but answers the end of input with "nothing yet" until the gate
     * opens.
     */
    private static final class HeldReader implements SourceReader<Long, NumberSequenceSplit> {
        private final SourceReader<Long, NumberSequenceSplit> reader;
        private final CompletableFuture<Void> gate;
        private boolean ended;

        HeldReader(SourceReader<Long, NumberSequenceSplit> reader, CompletableFuture<Void> gate) {
            this.reader = reader;
            this.gate = gate;
        }

        @Override
        public void start() {
            reader.start();
        }

        @Override
        public InputStatus pollNext(ReaderOutput<Long> output) throws Exception {
            InputStatus status = reader.pollNext(output);
            if (status == InputStatus.END_OF_INPUT && !gate.isDone()) {
                ended = true;
                return InputStatus.NOTHING_AVAILABLE;
            }
            return status;
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return ended && !gate.isDone() ? gate : reader.isAvailable();
        }

        @Override
        public List<NumberSequenceSplit> snapshotState(long checkpointId) {
            return reader.snapshotState(checkpointId);
        }

        @Override
        public void addSplits(List<NumberSequenceSplit> splits) {
            reader.addSplits(splits);
        }

        @Override
        public void notifyNoMoreSplits() {
            reader.notifyNoMoreSplits();
        }

        @Override
        public void handleSourceEvents(SourceEvent event) {
            reader.handleSourceEvents(event);
        }

        @Override
        public void pauseOrResumeSplits(Collection<String> toPause, Collection<String> toResume) {
            reader.pauseOrResumeSplits(toPause, toResume);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            reader.notifyCheckpointComplete(checkpointId);
        }

        @Override
        public void close() throws Exception {
            reader.close();
        }
    }
}
