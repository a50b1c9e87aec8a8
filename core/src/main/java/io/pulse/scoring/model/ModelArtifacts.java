package io.pulse.scoring.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads, checks and writes {@link ModelArtifact} files (JSON). */
public final class ModelArtifacts {
    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .enable(SerializationFeature.INDENT_OUTPUT);

    private ModelArtifacts() {}

    /**
     * Reads a model file and checks it is complete and consistent, naming the file in any error.
     */
    public static ModelArtifact read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ModelFileException("churn model file " + file + " does not exist");
        } catch (IOException e) {
            throw new ModelFileException("cannot read churn model file " + file + ": " + e, e);
        }
        return parse(text, "churn model file " + file);
    }

    /**
     * Reads a model from its JSON text and checks it as {@link #read} does; {@code source} names
     * where it came from in any error ("churn model file x.json").
     */
    public static ModelArtifact parse(String text, String source) {
        try {
            JsonNode tree = JSON.readTree(text);
            JsonNode format = tree == null ? null : tree.get("format");
            requireFormat(format == null || !format.isTextual() ? null : format.asText());
            return check(JSON.treeToValue(tree, ModelArtifact.class));
        } catch (JsonProcessingException e) {
            throw new ModelFileException(
                    source + " is not a valid model: " + e.getOriginalMessage(), e);
        } catch (ModelFileException e) {
            throw new ModelFileException(source + ": " + e.getMessage(), e);
        }
    }

    /**
     * The artifact re-indexed to the feature vector {@code names}, which holds every feature the
     * artifact was trained on (in any order; a file of an earlier Pulse lacks the features added
     * since). A feature the models never saw takes no part: no tree splits on it, a logistic model
     * weighs it 0, and it has no typical value (NaN), so no reason cites it.
     */
    public static ModelArtifact alignTo(ModelArtifact a, List<String> names) {
        if (a.features().equals(names)) {
            return a;
        }
        int[] position = new int[a.features().size()];
        for (int j = 0; j < position.length; j++) {
            position[j] = names.indexOf(a.features().get(j));
            if (position[j] < 0) {
                throw new ModelFileException(
                        "the model's feature '" + a.features().get(j) + "' is not computed");
            }
        }
        double[] typical = new double[names.size()];
        Arrays.fill(typical, Double.NaN);
        for (int j = 0; j < position.length; j++) {
            typical[position[j]] = a.typical()[j];
        }
        List<ModelSpec> models = new ArrayList<>();
        for (ModelSpec m : a.models()) {
            models.add(
                    switch (m.family()) {
                        case BOOSTED -> alignTrees(m, position);
                        case LOGISTIC -> alignLogistic(m, position, names.size());
                    });
        }
        return new ModelArtifact(
                a.format(),
                a.version(),
                a.trainedAt(),
                a.training(),
                List.copyOf(names),
                typical,
                models,
                a.crossValidation(),
                a.operatingPoints());
    }

    private static ModelSpec alignTrees(ModelSpec m, int[] position) {
        List<TreeSpec> trees = new ArrayList<>();
        for (TreeSpec t : m.trees()) {
            int[] feature = t.feature().clone();
            for (int i = 0; i < feature.length; i++) {
                if (feature[i] >= 0) {
                    feature[i] = position[feature[i]];
                }
            }
            trees.add(
                    new TreeSpec(
                            feature,
                            t.threshold(),
                            t.left(),
                            t.right(),
                            t.missing(),
                            t.value(),
                            t.cover()));
        }
        return ModelSpec.boosted(m.name(), m.description(), m.baseMargin(), trees)
                .withCalibration(m.calibration());
    }

    private static ModelSpec alignLogistic(ModelSpec m, int[] position, int size) {
        double[] weights = new double[size];
        double[] mean = new double[size];
        double[] scale = new double[size];
        double[] lower = new double[size];
        double[] upper = new double[size];
        Arrays.fill(scale, 1.0);
        for (int j = 0; j < position.length; j++) {
            int to = position[j];
            weights[to] = m.weights()[j];
            mean[to] = m.mean()[j];
            scale[to] = m.scale()[j];
            lower[to] = m.lower()[j];
            upper[to] = m.upper()[j];
        }
        return ModelSpec.logistic(
                        m.name(),
                        m.description(),
                        m.intercept(),
                        weights,
                        mean,
                        scale,
                        lower,
                        upper)
                .withCalibration(m.calibration());
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

    /**
     * Structural checks: every array the right length, every node index in range, children after
     * their parents (evaluation always ends), every number finite, calibrations increasing.
     */
    public static ModelArtifact check(ModelArtifact a) {
        requireFormat(a.format());
        require(a.version() != null && !a.version().isBlank(), "version is missing");
        require(a.features() != null && !a.features().isEmpty(), "features are missing");
        require(new HashSet<>(a.features()).size() == a.features().size(), "feature names repeat");
        require(
                a.typical() != null && a.typical().length == a.features().size(),
                "typical needs one value per feature");
        for (double t : a.typical()) {
            // NaN: no training subscriber had the feature
            require(!Double.isInfinite(t), "typical has an infinite value");
        }
        require(a.models() != null && !a.models().isEmpty(), "models are missing");
        double previous = Double.NEGATIVE_INFINITY;
        for (OperatingPoint point : a.operatingPoints()) {
            require(
                    point.threshold() > previous
                            && point.threshold() >= 0
                            && point.threshold() <= 1,
                    "operating points must have ascending thresholds within 0..1");
            require(
                    point.monthlyFlagged() >= 0
                            && point.monthlyFlagged() <= 1
                            && point.precision() >= 0
                            && point.precision() <= 1
                            && point.recall() >= 0
                            && point.recall() <= 1,
                    "operating point at " + point.threshold() + " has a share outside 0..1");
            previous = point.threshold();
        }
        Set<String> names = new HashSet<>();
        for (ModelSpec m : a.models()) {
            require(
                    m.name() != null && names.add(m.name()),
                    "model names must be present and unique");
            require(m.family() != null, "model '" + m.name() + "' has no family");
            switch (m.family()) {
                case BOOSTED -> checkBoosted(m, a.features().size());
                case LOGISTIC -> checkLogistic(m, a.features().size());
            }
            Calibration c = m.calibration();
            require(
                    Double.isFinite(c.a()) && Double.isFinite(c.b()) && c.a() > 0,
                    "model '"
                            + m.name()
                            + "' has a calibration that is not increasing and finite: "
                            + c);
        }
        return a;
    }

    private static void requireFormat(String format) {
        if ("pulse-churn-model/1".equals(format)) {
            throw new ModelFileException(
                    "format is 'pulse-churn-model/1' (bagged trees without missing values), "
                            + "which the job no longer serves; retrain it with bin/pulse-model train");
        }
        require(
                ModelArtifact.FORMAT.equals(format),
                "format is '" + format + "', expected '" + ModelArtifact.FORMAT + "'");
    }

    private static void checkBoosted(ModelSpec m, int features) {
        String where = "model '" + m.name() + "'";
        require(
                m.baseMargin() != null && Double.isFinite(m.baseMargin()),
                where + " has no finite base margin");
        List<TreeSpec> trees = m.trees();
        require(trees != null && !trees.isEmpty(), where + " has no trees");
        for (int t = 0; t < trees.size(); t++) {
            checkTree(trees.get(t), features, where + " tree " + t);
        }
    }

    private static void checkTree(TreeSpec tree, int features, String at) {
        require(
                tree != null
                        && tree.feature() != null
                        && tree.threshold() != null
                        && tree.left() != null
                        && tree.right() != null
                        && tree.missing() != null
                        && tree.value() != null
                        && tree.cover() != null,
                at + " is incomplete");
        int n = tree.feature().length;
        require(
                n > 0
                        && tree.threshold().length == n
                        && tree.left().length == n
                        && tree.right().length == n
                        && tree.missing().length == n
                        && tree.value().length == n
                        && tree.cover().length == n,
                at + " arrays differ in length");
        int[] parents = new int[n];
        for (int i = 0; i < n; i++) {
            require(
                    Double.isFinite(tree.value()[i]),
                    at + " node " + i + " has a value that is not a finite number");
            require(
                    Double.isFinite(tree.cover()[i]) && tree.cover()[i] > 0,
                    at + " node " + i + " has a cover that is not positive");
            int l = tree.left()[i];
            int r = tree.right()[i];
            if (tree.isLeaf(i)) {
                require(
                        tree.feature()[i] == -1 && l == -1 && r == -1 && tree.missing()[i] == -1,
                        at + " node " + i + " is a leaf with children");
                continue;
            }
            require(
                    tree.feature()[i] < features,
                    at + " node " + i + " splits on an unknown feature");
            require(Float.isFinite(tree.threshold()[i]), at + " node " + i + " has no threshold");
            // children after their parent: evaluation always terminates
            require(
                    l > i && l < n && r > i && r < n && l != r,
                    at + " node " + i + " has children out of order or out of range");
            require(
                    tree.missing()[i] == l || tree.missing()[i] == r,
                    at
                            + " node "
                            + i
                            + " has a default child for missing values that is not one of its children");
            parents[l]++;
            parents[r]++;
            double cl = tree.cover()[l];
            double cr = tree.cover()[r];
            double mean = (cl * tree.value()[l] + cr * tree.value()[r]) / (cl + cr);
            require(
                    Math.abs(tree.value()[i] - mean) <= 1e-9 * Math.max(1, Math.abs(mean)),
                    at
                            + " node "
                            + i
                            + " has a value that is not the cover-weighted mean of its children's");
        }
        for (int i = 1; i < n; i++) {
            require(
                    parents[i] == 1,
                    at + " node " + i + " has " + parents[i] + " parents, expected 1");
        }
    }

    private static void checkLogistic(ModelSpec m, int features) {
        String where = "model '" + m.name() + "'";
        require(
                m.intercept() != null && Double.isFinite(m.intercept()),
                where + " has no intercept");
        for (double[] v : new double[][] {m.weights(), m.mean(), m.scale(), m.lower(), m.upper()}) {
            require(
                    v != null && v.length == features,
                    where + " needs weights, mean, scale, lower and upper for every feature");
            for (double d : v) {
                require(Double.isFinite(d), where + " has a value that is not a finite number");
            }
        }
        for (int j = 0; j < features; j++) {
            require(m.scale()[j] > 0, where + " has a scale that is not positive");
            require(
                    m.lower()[j] <= m.upper()[j],
                    where + " has a feature range with lower above upper");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new ModelFileException(message);
        }
    }
}
