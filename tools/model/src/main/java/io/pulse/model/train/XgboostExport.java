package io.pulse.model.train;

import io.pulse.scoring.model.TreeSpec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the trees and the base margin of a binary-logistic XGBoost model from its saved JSON form
 * ({@code Booster.toByteArray("json")}, XGBoost's documented model schema), the form that holds
 * everything exactly: thresholds and leaf values as the {@code float}s XGBoost compares and adds,
 * the default direction of every split, the cover (sum of hessians) of every node, and the base
 * score. The text dump ({@code getModelDump}) rounds to 9 digits and has no base score.
 *
 * <p>In XGBoost 2.x the saved {@code base_score} of a logistic model is a probability; the margin
 * every tree adds to is its log-odds. Nodes are renumbered breadth first (children always after
 * their parent); an internal node's value is the cover-weighted mean of its children's.
 */
final class XgboostExport {
    /**
     * Decimal numbers kept exact, so each becomes the float XGBoost wrote without double rounding.
     */
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private XgboostExport() {}

    /** The exported model: its base margin (log-odds) and its trees, in XGBoost's order. */
    record Exported(double baseMargin, List<TreeSpec> trees, String version) {}

    static Exported read(byte[] savedJson, int features) {
        JsonNode learner;
        JsonNode root;
        try {
            root = JSON.readTree(savedJson);
            learner = root.required("learner");
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "cannot read XGBoost's JSON model: " + e.getMessage(), e);
        }
        String objective = learner.path("objective").path("name").asText();
        String booster = learner.path("gradient_booster").path("name").asText();
        JsonNode param = learner.path("learner_model_param");
        if (!objective.equals("binary:logistic")
                || !booster.equals("gbtree")
                || !param.path("num_class").asText("0").equals("0")
                || !param.path("num_target").asText("1").equals("1")) {
            throw new IllegalStateException(
                    "expected one binary:logistic gbtree, got objective "
                            + objective
                            + ", booster "
                            + booster
                            + ", "
                            + param);
        }
        double baseScore = floatOf(param.required("base_score"));
        if (!(baseScore > 0 && baseScore < 1)) {
            throw new IllegalStateException("base_score " + baseScore + " is not a probability");
        }
        JsonNode model = learner.path("gradient_booster").path("model");
        List<TreeSpec> trees = new ArrayList<>();
        for (JsonNode tree : model.required("trees")) {
            trees.add(tree(tree, features));
        }
        for (JsonNode group : model.path("tree_info")) {
            if (group.asInt() != 0) {
                throw new IllegalStateException(
                        "a tree of output group " + group.asInt() + ": not one binary model");
            }
        }
        StringBuilder version = new StringBuilder();
        for (JsonNode part : root.path("version")) {
            version.append(version.isEmpty() ? "" : ".").append(part.asInt());
        }
        return new Exported(Math.log(baseScore / (1 - baseScore)), trees, version.toString());
    }

    private static TreeSpec tree(JsonNode tree, int features) {
        int[] left = ints(tree.required("left_children"));
        int[] right = ints(tree.required("right_children"));
        int[] defaultLeft = ints(tree.required("default_left"));
        int[] split = ints(tree.required("split_indices"));
        float[] condition = floats(tree.required("split_conditions"));
        float[] hessian = floats(tree.required("sum_hessian"));
        for (JsonNode type : tree.path("split_type")) {
            if (type.asInt() != 0) {
                throw new IllegalStateException(
                        "a categorical split in tree " + tree.path("id") + ": not exported");
            }
        }

        // breadth first from the root: order[k] is XGBoost's node id of exported node k
        int[] order = new int[left.length];
        int[] exported = new int[left.length];
        int size = 1;
        for (int k = 0; k < size; k++) {
            int id = order[k];
            if (left[id] >= 0) {
                exported[left[id]] = size;
                order[size++] = left[id];
                exported[right[id]] = size;
                order[size++] = right[id];
            }
        }
        int[] feature = new int[size];
        float[] threshold = new float[size];
        int[] l = new int[size];
        int[] r = new int[size];
        int[] missing = new int[size];
        double[] value = new double[size];
        double[] cover = new double[size];
        for (int k = size - 1; k >= 0; k--) {
            int id = order[k];
            cover[k] = hessian[id];
            if (left[id] < 0) {
                // a leaf keeps its value where a split keeps its condition
                feature[k] = -1;
                l[k] = r[k] = missing[k] = -1;
                value[k] = condition[id];
                continue;
            }
            if (split[id] < 0 || split[id] >= features) {
                throw new IllegalStateException(
                        "split on feature " + split[id] + " of " + features);
            }
            feature[k] = split[id];
            threshold[k] = condition[id];
            l[k] = exported[left[id]];
            r[k] = exported[right[id]];
            missing[k] = defaultLeft[id] == 1 ? l[k] : r[k];
            double cl = cover[l[k]];
            double cr = cover[r[k]];
            value[k] = (cl * value[l[k]] + cr * value[r[k]]) / (cl + cr);
        }
        return new TreeSpec(feature, threshold, l, r, missing, value, cover);
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }

    private static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = floatOf(array.get(i));
        }
        return values;
    }

    /** The float a decimal number (or a string holding one) denotes, rounded once. */
    private static float floatOf(JsonNode node) {
        String text = node.isBigDecimal() ? node.decimalValue().toString() : node.asText();
        return Float.parseFloat(text);
    }
}
