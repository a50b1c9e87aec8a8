package io.pulse.scoring.functions;

import io.pulse.schema.control.ControlRecord;
import io.pulse.schema.control.ControlSlot;
import io.pulse.scoring.control.ControlArtifact;
import io.pulse.scoring.control.ControlChunks;

import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The control topic's records in the scoring operator's broadcast state, the same on every subtask:
 * the chunks of the versions in force ({@code applied/<slot>/<chunk>}) and those of versions still
 * arriving ({@code pending/<slot>/<version>/<sha256>/<chunk>}). Checkpoints keep both, so a restart
 * comes back on the versions in force and a version cut by a checkpoint completes after it.
 *
 * <p>The state's name is part of savepoint compatibility: never rename it.
 */
final class ControlVersionsState {
    static final MapStateDescriptor<String, ControlRecord> DESCRIPTOR =
            new MapStateDescriptor<>(
                    "pulse-control-versions",
                    Types.STRING,
                    TypeInformation.of(ControlRecord.class));

    private static final String APPLIED = "applied/";
    private static final String PENDING = "pending/";

    private final BroadcastState<String, ControlRecord> state;

    ControlVersionsState(BroadcastState<String, ControlRecord> state) {
        this.state = state;
    }

    /**
     * Keeps a chunk; returns every chunk of its version once all have arrived (and forgets the
     * slot's pending chunks, of this version and of any earlier one that never completed), or null.
     */
    List<ControlRecord> receive(ControlRecord chunk) throws Exception {
        String version = pendingPrefix(chunk);
        state.put(version + chunk.getChunkIndex(), chunk);
        List<ControlRecord> chunks = new ArrayList<>();
        for (Map.Entry<String, ControlRecord> entry : state.entries()) {
            if (entry.getKey().startsWith(version)) {
                chunks.add(entry.getValue());
            }
        }
        if (chunks.size() < chunk.getChunkCount()) {
            return null;
        }
        removeAll(PENDING + chunk.getSlot() + "/");
        return chunks;
    }

    /** Keeps {@code artifact} as its slot's version in force. */
    void apply(ControlArtifact artifact, long publishedAt, String publishedBy) throws Exception {
        String slot = APPLIED + artifact.slot() + "/";
        removeAll(slot);
        for (ControlRecord chunk : ControlChunks.split(artifact, publishedAt, publishedBy)) {
            state.put(slot + chunk.getChunkIndex(), chunk);
        }
    }

    /** The versions in force a checkpoint kept, one a slot. */
    List<ControlArtifact> applied() throws Exception {
        Map<ControlSlot, List<ControlRecord>> bySlot = new EnumMap<>(ControlSlot.class);
        for (Map.Entry<String, ControlRecord> entry : state.entries()) {
            if (entry.getKey().startsWith(APPLIED)) {
                bySlot.computeIfAbsent(entry.getValue().getSlot(), s -> new ArrayList<>())
                        .add(entry.getValue());
            }
        }
        List<ControlArtifact> artifacts = new ArrayList<>();
        for (List<ControlRecord> chunks : bySlot.values()) {
            artifacts.add(ControlChunks.assemble(chunks));
        }
        return artifacts;
    }

    /** Forgets the versions in force, which this build refused on restore. */
    void forgetApplied() throws Exception {
        removeAll(APPLIED);
    }

    private void removeAll(String prefix) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, ControlRecord> entry : state.entries()) {
            if (entry.getKey().startsWith(prefix)) {
                keys.add(entry.getKey());
            }
        }
        for (String key : keys) {
            state.remove(key);
        }
    }

    private static String pendingPrefix(ControlRecord chunk) {
        return PENDING + chunk.getSlot() + "/" + chunk.getVersion() + "/" + chunk.getSha256() + "/";
    }
}
