package io.pulse.scoring.model;

import io.pulse.scoring.TestEvents;
import io.pulse.scoring.churn.ChurnScorer;
import io.pulse.scoring.config.ConfigException;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.features.Feature;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ModelArtifactsTest {
    private static final Path SHIPPED = TestEvents.repoFile("config/models/churn-sim.json");

    @TempDir Path dir;

    @Test
    void aModelFileRoundTripsToIdenticalScores() throws IOException {
        ModelArtifact original = ModelArtifacts.read(SHIPPED);
        Path copy = dir.resolve("copy.json");
        ModelArtifacts.write(copy, original);
        ModelArtifact reread = ModelArtifacts.read(copy);

        assertThat(ModelArtifacts.toJson(reread)).isEqualTo(ModelArtifacts.toJson(original));
        Random random = new Random(1);
        for (int row = 0; row < 200; row++) {
            double[] x = new double[original.features().size()];
            for (int j = 0; j < x.length; j++) {
                x[j] = original.typical()[j] * 2 * random.nextDouble();
            }
            for (int m = 0; m < original.models().size(); m++) {
                double[] c1 = new double[x.length];
                double[] c2 = new double[x.length];
                assertThat(ChurnModel.of(reread.models().get(m)).predict(x, c2))
                        .isEqualTo(ChurnModel.of(original.models().get(m)).predict(x, c1));
                assertThat(c2).isEqualTo(c1);
            }
        }
    }

    @Test
    void predictingWithoutExplainingGivesTheSameProbability() {
        ModelArtifact artifact = ModelArtifacts.read(SHIPPED);
        Random random = new Random(2);
        for (int row = 0; row < 200; row++) {
            double[] x = new double[artifact.features().size()];
            for (int j = 0; j < x.length; j++) {
                x[j] = artifact.typical()[j] * 2 * random.nextDouble();
            }
            for (ModelSpec spec : artifact.models()) {
                ChurnModel model = ChurnModel.of(spec);
                assertThat(model.predict(x))
                        .as(spec.name())
                        .isEqualTo(model.predict(x, new double[x.length]));
            }
        }
    }

    @Test
    void boostedContributionsAddUpToTheRawMarginFromTheRootValues() {
        ModelArtifact artifact = ModelArtifacts.read(SHIPPED);
        ModelSpec boosted = artifact.model("boosted");
        ChurnModel raw = ChurnModel.of(boosted.withCalibration(Calibration.IDENTITY));
        double bias = boosted.baseMargin();
        for (TreeSpec tree : boosted.trees()) {
            bias += tree.value()[0];
        }
        Random random = new Random(3);
        for (int row = 0; row < 100; row++) {
            double[] x = new double[artifact.features().size()];
            for (int j = 0; j < x.length; j++) {
                x[j] =
                        random.nextInt(4) == 0
                                ? Double.NaN
                                : artifact.typical()[j] * 2 * random.nextDouble();
            }
            double[] c = new double[x.length];
            double p = raw.predict(x, c);
            double sum = bias;
            for (double v : c) {
                sum += v;
            }
            assertThat(Calibration.sigmoid(sum)).isCloseTo(p, within(1e-12));
        }
    }

    @Test
    void theShippedModelsAreCalibrated() {
        for (ModelSpec spec : ModelArtifacts.read(SHIPPED).models()) {
            assertThat(spec.calibration()).as(spec.name()).isNotEqualTo(Calibration.IDENTITY);
        }
    }

    @Test
    void aFileOfTheFirstFormatIsRefusedWithTheAdviceToRetrain() throws IOException {
        Path old = dir.resolve("old-format.json");
        Files.writeString(
                old,
                Files.readString(SHIPPED).replace(ModelArtifact.FORMAT, "pulse-churn-model/1"));
        assertThatThrownBy(() -> ModelArtifacts.read(old))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("old-format.json")
                .hasMessageContaining("'pulse-churn-model/1'")
                .hasMessageContaining("retrain it with bin/pulse-model train");
    }

    @Test
    void brokenTreesAndCalibrationsAreRefused() {
        TreeSpec good = stump(new int[] {1, -1, -1}, new double[] {0.5, 0, 1});
        assertThat(ModelArtifacts.check(artifact(ModelSpec.boosted("b", "d", 0.1, List.of(good)))))
                .isNotNull();

        TreeSpec missingElsewhere = stump(new int[] {0, -1, -1}, new double[] {0.5, 0, 1});
        assertThatThrownBy(
                        () ->
                                ModelArtifacts.check(
                                        artifact(
                                                ModelSpec.boosted(
                                                        "b", "d", 0, List.of(missingElsewhere)))))
                .hasMessageContaining(
                        "tree 0 node 0 has a default child for missing values that is not one of its children");
        TreeSpec notTheMean = stump(new int[] {2, -1, -1}, new double[] {0.7, 0, 1});
        assertThatThrownBy(
                        () ->
                                ModelArtifacts.check(
                                        artifact(
                                                ModelSpec.boosted(
                                                        "b", "d", 0, List.of(notTheMean)))))
                .hasMessageContaining("not the cover-weighted mean");
        TreeSpec infinite =
                stump(new int[] {2, -1, -1}, new double[] {0.5, Double.NEGATIVE_INFINITY, 1});
        assertThatThrownBy(
                        () ->
                                ModelArtifacts.check(
                                        artifact(
                                                ModelSpec.boosted("b", "d", 0, List.of(infinite)))))
                .hasMessageContaining("node 1 has a value that is not a finite number");
        assertThatThrownBy(
                        () ->
                                ModelArtifacts.check(
                                        artifact(
                                                ModelSpec.boosted(
                                                        "b", "d", Double.NaN, List.of(good)))))
                .hasMessageContaining("base margin");
        assertThatThrownBy(
                        () ->
                                ModelArtifacts.check(
                                        artifact(
                                                ModelSpec.boosted("b", "d", 0, List.of(good))
                                                        .withCalibration(new Calibration(-1, 0)))))
                .hasMessageContaining("calibration that is not increasing");
    }

    @Test
    void aTypicalValueNoTrainingSubscriberHadIsKeptAsNaN() throws IOException {
        ModelArtifact shipped = ModelArtifacts.read(SHIPPED);
        double[] typical = shipped.typical().clone();
        typical[5] = Double.NaN;
        ModelArtifact withMissing =
                new ModelArtifact(
                        shipped.format(),
                        shipped.version(),
                        shipped.trainedAt(),
                        shipped.training(),
                        shipped.features(),
                        typical,
                        shipped.models(),
                        shipped.crossValidation(),
                        shipped.operatingPoints());
        Path file = dir.resolve("missing-typical.json");
        ModelArtifacts.write(file, withMissing);
        assertThat(ModelArtifacts.read(file).typical()[5]).isNaN();
        assertThat(ModelArtifacts.read(file).typical()[4]).isEqualTo(typical[4]);

        typical[5] = Double.POSITIVE_INFINITY;
        ModelArtifact infinite =
                new ModelArtifact(
                        shipped.format(),
                        shipped.version(),
                        shipped.trainedAt(),
                        shipped.training(),
                        shipped.features(),
                        typical,
                        shipped.models(),
                        shipped.crossValidation(),
                        shipped.operatingPoints());
        assertThatThrownBy(() -> ModelArtifacts.check(infinite))
                .hasMessageContaining("typical has an infinite value");
    }

    /** A root splitting feature 0 at 2, children 1 and 2 with cover 1 each. */
    private static TreeSpec stump(int[] missing, double[] value) {
        return new TreeSpec(
                new int[] {0, -1, -1},
                new float[] {2f, 0, 0},
                new int[] {1, -1, -1},
                new int[] {2, -1, -1},
                missing,
                value,
                new double[] {2, 1, 1});
    }

    private static ModelArtifact artifact(ModelSpec model) {
        return new ModelArtifact(
                ModelArtifact.FORMAT,
                "v",
                "t",
                null,
                List.of("a", "b"),
                new double[] {1, Double.NaN},
                List.of(model),
                Map.of(),
                List.of());
    }

    @Test
    void aMissingModelFileStopsTheJobAtStartNamingIt() {
        ScoringConfig config = configWithModel("models/no-such-model.json");
        assertThatThrownBy(() -> ChurnScorer.loadModels(config))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("no-such-model.json does not exist");
    }

    @Test
    void aBrokenModelFileStopsTheJobAtStartSayingWhatIsWrong() throws IOException {
        Files.writeString(
                dir.resolve("truncated.json"), Files.readString(SHIPPED).substring(0, 5000));
        assertThatThrownBy(
                        () ->
                                ChurnScorer.loadModels(
                                        configWithModel(dir.resolve("truncated.json").toString())))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("truncated.json is not a valid model");

        String cyclic =
                Files.readString(SHIPPED).replaceFirst("\"left\" : \\[ 1,", "\"left\" : [ 0,");
        assertThat(cyclic).isNotEqualTo(Files.readString(SHIPPED));
        Files.writeString(dir.resolve("cyclic.json"), cyclic);
        assertThatThrownBy(
                        () ->
                                ChurnScorer.loadModels(
                                        configWithModel(dir.resolve("cyclic.json").toString())))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("node 0 has children out of order");
    }

    @Test
    void aModelTrainedOnOtherFeaturesIsRefused() throws IOException {
        ModelArtifact shipped = ModelArtifacts.read(SHIPPED);
        List<String> renamed = new ArrayList<>(shipped.features());
        renamed.set(3, "voice_minutes_slope");
        ModelArtifact other =
                new ModelArtifact(
                        shipped.format(),
                        "old",
                        shipped.trainedAt(),
                        shipped.training(),
                        renamed,
                        shipped.typical(),
                        shipped.models(),
                        shipped.crossValidation(),
                        shipped.operatingPoints());
        Path file = dir.resolve("old.json");
        ModelArtifacts.write(file, other);
        assertThatThrownBy(() -> ChurnScorer.loadModels(configWithModel(file.toString())))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining(
                        "trained on features the job does not compute: [voice_minutes_slope]")
                .hasMessageContaining("Retrain");
    }

    /**
     * A model file of an earlier Pulse lacks the features added since and lists the others in its
     * own order: it scores exactly as on its own vector, and the new features take no part.
     */
    @Test
    void aModelOfFewerFeaturesInAnotherOrderScoresAsOnItsOwnVector() {
        ModelArtifact shipped = ModelArtifacts.read(SHIPPED);
        List<String> names = Feature.names();
        // the earlier file: the first 40 features, reversed
        List<Integer> kept = new ArrayList<>();
        for (int j = 39; j >= 0; j--) {
            kept.add(j);
        }
        ModelArtifact earlier = subset(shipped, kept);
        ModelArtifact aligned = ModelArtifacts.alignTo(earlier, names);
        assertThat(aligned.features()).isEqualTo(names);
        assertThat(aligned.typical()[45]).isNaN();

        Random random = new Random(5);
        for (int row = 0; row < 200; row++) {
            double[] full = new double[names.size()];
            for (int j = 0; j < full.length; j++) {
                full[j] = random.nextInt(10) == 0 ? Double.NaN : random.nextDouble() * 100;
            }
            double[] own = new double[kept.size()];
            for (int i = 0; i < own.length; i++) {
                own[i] = full[kept.get(i)];
            }
            for (int m = 0; m < earlier.models().size(); m++) {
                ChurnModel onOwn = ChurnModel.of(earlier.models().get(m));
                ChurnModel onJob = ChurnModel.of(aligned.models().get(m));
                double expected = onOwn.predict(own);
                assertThat(onJob.predict(full)).isCloseTo(expected, within(1e-12));
                // the features the model never saw change nothing
                for (int j = 40; j < full.length; j++) {
                    full[j] = random.nextDouble() * 1000;
                }
                assertThat(onJob.predict(full)).isCloseTo(expected, within(1e-12));
            }
        }
    }

    /**
     * The shipped artifact restricted to the features {@code kept} (positions in its vector, in the
     * new order): trees splitting on a dropped feature go left, logistic weights are carried over.
     */
    private static ModelArtifact subset(ModelArtifact a, List<Integer> kept) {
        List<String> features = new ArrayList<>();
        double[] typical = new double[kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            features.add(a.features().get(kept.get(i)));
            typical[i] = a.typical()[kept.get(i)];
        }
        List<ModelSpec> models = new ArrayList<>();
        for (ModelSpec m : a.models()) {
            if (m.family() == ModelFamily.BOOSTED) {
                List<TreeSpec> trees = new ArrayList<>();
                for (TreeSpec t : m.trees()) {
                    int[] feature = t.feature().clone();
                    float[] threshold = t.threshold().clone();
                    for (int n = 0; n < feature.length; n++) {
                        if (feature[n] >= 0) {
                            int at = kept.indexOf(feature[n]);
                            // a split on a dropped feature: any value goes right, on feature 0
                            feature[n] = at >= 0 ? at : 0;
                            threshold[n] = at >= 0 ? threshold[n] : Float.NEGATIVE_INFINITY;
                        }
                    }
                    trees.add(
                            new TreeSpec(
                                    feature,
                                    threshold,
                                    t.left(),
                                    t.right(),
                                    t.missing(),
                                    t.value(),
                                    t.cover()));
                }
                models.add(
                        ModelSpec.boosted(m.name(), m.description(), m.baseMargin(), trees)
                                .withCalibration(m.calibration()));
            } else {
                models.add(
                        ModelSpec.logistic(
                                        m.name(),
                                        m.description(),
                                        m.intercept(),
                                        pick(m.weights(), kept),
                                        pick(m.mean(), kept),
                                        pick(m.scale(), kept),
                                        pick(m.lower(), kept),
                                        pick(m.upper(), kept))
                                .withCalibration(m.calibration()));
            }
        }
        return new ModelArtifact(
                a.format(),
                "earlier",
                a.trainedAt(),
                a.training(),
                features,
                typical,
                models,
                a.crossValidation(),
                a.operatingPoints());
    }

    private static double[] pick(double[] values, List<Integer> kept) {
        double[] picked = new double[kept.size()];
        for (int i = 0; i < picked.length; i++) {
            picked[i] = values[kept.get(i)];
        }
        return picked;
    }

    @Test
    void aMemberThatIsNoModelIsRefused() {
        String yaml =
                TestEvents.shippedConfigText()
                        .replace("members: [boosted]", "members: [boosted, forest]");
        ScoringConfig config = ScoringConfig.parse(yaml, TestEvents.repoFile("config"));
        assertThatThrownBy(() -> ChurnScorer.loadModels(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("churn.members names 'forest'")
                .hasMessageContaining("[boosted, logistic, consumption]");
    }

    private static ScoringConfig configWithModel(String modelFile) {
        String yaml =
                TestEvents.shippedConfigText()
                        .replace("model-file: models/churn-sim.json", "model-file: " + modelFile);
        return ScoringConfig.parse(yaml, TestEvents.repoFile("config"));
    }
}
