package io.pulse.local.bench;

import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.assigners.FileSplitAssigner;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Hands a file source's splits out in the order of their paths, whichever reader asks: at
 * parallelism 1 the parts of an export are read one after the other in the order of their names,
 * which is the order of time, as events are in a topic's partition.
 */
final class PathOrderAssigner implements FileSplitAssigner {
    static final Provider PROVIDER = PathOrderAssigner::new;

    private final PriorityQueue<FileSourceSplit> splits =
            new PriorityQueue<>(
                    Comparator.comparing((FileSourceSplit s) -> s.path().toString())
                            .thenComparingLong(FileSourceSplit::offset));

    PathOrderAssigner(Collection<FileSourceSplit> splits) {
        this.splits.addAll(splits);
    }

    @Override
    public Optional<FileSourceSplit> getNext(String hostname) {
        return Optional.ofNullable(splits.poll());
    }

    @Override
    public void addSplits(Collection<FileSourceSplit> added) {
        splits.addAll(added);
    }

    @Override
    public Collection<FileSourceSplit> remainingSplits() {
        return new ArrayList<>(splits);
    }
}
