package io.pulse.scoring.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads, checks and writes {@link ModelArtifact} files (JSON). */
public final class ModelArtifacts {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ModelArtifacts() {}

    /** Reads a model file and checks it is complete and consistent, naming the file in any error. */
    public static ModelArtifact read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ModelFileException("churn model file " + file + " does not exist");
        } catch (IOException e) {
            throw new ModelFileException("cannot read churn model file " + file + ": " + e, e);
        }
        try {
            return check(JSON.readValue(text, ModelArtifact.class));
        } catch (JsonProcessingException e) {
            throw new ModelFileException("churn model file " + file + " is not a valid model: "
                    + e.getOriginalMessage(), e);
        } catch (ModelFileException e) {
            throw new ModelFileException("churn model file " + file + ": " + e.getMessage(), e);
        }
    }

    public static void write(Path file, ModelArtifact artifact) throws IOException {
        check(artifact);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(file, toJson(artifact));
    }

    public static String toJson(ModelArtifact artifact) {
        try {
            return JSON.writeValueAsString(artifact);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Structural checks: every array the right length, every node index in range, no cycles. */
    public static ModelArtifact check(ModelArtifact a) {
        require(ModelArtifact.FORMAT.equals(a.format()),
                "format is '" + a.format() + "', expected '" + ModelArtifact.FORMAT + "'");
        require(a.version() != null && !a.version().isBlank(), "version is missing");
        require(a.features() != null && !a.features().isEmpty(), "features are missing");
        require(new HashSet<>(a.features()).size() == a.features().size(), "feature names repeat");
        require(a.typical() != null && a.typical().length == a.features().size(),
                "typical needs one value per feature");
        require(a.models() != null && !a.models().isEmpty(), "models are missing");
        Set<String> names = new HashSet<>();
        for (ModelSpec m : a.models()) {
            require(m.name() != null && names.add(m.name()), "model names must be present and unique");
            require(m.family() != null, "model '" + m.name() + "' has no family");
            if (m.family() == ModelFamily.TREES) {
                checkTrees(m, a.features().size());
            } else {
                checkLogistic(m, a.features().size());
            }
        }
        return a;
    }

    private static void checkTrees(ModelSpec m, int features) {
        String where = "model '" + m.name() + "'";
        List<TreeSpec> trees = m.trees();
        require(trees != null && !trees.isEmpty(), where + " has no trees");
        require(m.treeWeights() != null && m.treeWeights().length == trees.size(),
                where + " needs one weight per tree");
        for (double w : m.treeWeights()) {
            require(w > 0 && Double.isFinite(w), where + " has a tree weight that is not positive");
        }
        for (int t = 0; t < trees.size(); t++) {
            TreeSpec tree = trees.get(t);
            String at = where + " tree " + t;
            require(tree.feature() != null && tree.threshold() != null && tree.left() != null
                    && tree.right() != null && tree.value() != null, at + " is incomplete");
            int n = tree.feature().length;
            require(n > 0 && tree.threshold().length == n && tree.left().length == n
                    && tree.right().length == n && tree.value().length == n, at + " arrays differ in length");
            for (int i = 0; i < n; i++) {
                require(tree.value()[i] >= 0 && tree.value()[i] <= 1, at + " node " + i + " value outside 0..1");
                if (tree.isLeaf(i)) {
                    continue;
                }
                require(tree.feature()[i] < features, at + " node " + i + " splits on an unknown feature");
                require(Double.isFinite(tree.threshold()[i]), at + " node " + i + " has no threshold");
                // children after their parent: evaluation always terminates
                require(tree.left()[i] > i && tree.left()[i] < n && tree.right()[i] > i && tree.right()[i] < n,
                        at + " node " + i + " has children out of order or out of range");
            }
        }
    }

    private static void checkLogistic(ModelSpec m, int features) {
        String where = "model '" + m.name() + "'";
        require(m.intercept() != null && Double.isFinite(m.intercept()), where + " has no intercept");
        for (double[] v : new double[][] {m.weights(), m.mean(), m.scale(), m.lower(), m.upper()}) {
            require(v != null && v.length == features,
                    where + " needs weights, mean, scale, lower and upper for every feature");
            for (double d : v) {
                require(Double.isFinite(d), where + " has a value that is not a finite number");
            }
        }
        for (int j = 0; j < features; j++) {
            require(m.scale()[j] > 0, where + " has a scale that is not positive");
            require(m.lower()[j] <= m.upper()[j], where + " has a feature range with lower above upper");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new ModelFileException(message);
        }
    }
}
