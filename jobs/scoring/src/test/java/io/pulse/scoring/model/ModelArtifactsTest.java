package io.pulse.scoring.model;

import io.pulse.scoring.PulseJob;
import io.pulse.scoring.TestEvents;
import io.pulse.scoring.config.ConfigException;
import io.pulse.scoring.config.ScoringConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ModelArtifactsTest {
    private static final Path SHIPPED = TestEvents.repoFile("config/models/churn-1.json");

    @TempDir
    Path dir;

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
                assertThat(model.predict(x)).as(spec.name()).isEqualTo(model.predict(x, new double[x.length]));
            }
        }
    }

    @Test
    void treeContributionsAddUpToThePredictionFromTheRootValue() {
        ModelSpec trees = ModelArtifacts.read(SHIPPED).model("trees");
        ModelArtifact artifact = ModelArtifacts.read(SHIPPED);
        double root = 0;
        double total = 0;
        for (int t = 0; t < trees.trees().size(); t++) {
            root += trees.treeWeights()[t] * trees.trees().get(t).value()[0];
            total += trees.treeWeights()[t];
        }
        double[] c = new double[artifact.features().size()];
        double p = ChurnModel.of(trees).predict(artifact.typical(), c);
        double sum = 0;
        for (double v : c) {
            sum += v;
        }
        assertThat(root / total + sum).isCloseTo(p, within(1e-12));
    }

    @Test
    void aMissingModelFileStopsTheJobAtStartNamingIt() {
        ScoringConfig config = configWithModel("models/no-such-model.json");
        assertThatThrownBy(() -> PulseJob.loadChurnModels(config))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("no-such-model.json does not exist");
    }

    @Test
    void aBrokenModelFileStopsTheJobAtStartSayingWhatIsWrong() throws IOException {
        Files.writeString(dir.resolve("truncated.json"), Files.readString(SHIPPED).substring(0, 5000));
        assertThatThrownBy(() -> PulseJob.loadChurnModels(configWithModel(dir.resolve("truncated.json").toString())))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("truncated.json is not a valid model");

        String cyclic = Files.readString(SHIPPED).replaceFirst("\"left\" : \\[ 1,", "\"left\" : [ 0,");
        assertThat(cyclic).isNotEqualTo(Files.readString(SHIPPED));
        Files.writeString(dir.resolve("cyclic.json"), cyclic);
        assertThatThrownBy(() -> PulseJob.loadChurnModels(configWithModel(dir.resolve("cyclic.json").toString())))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("node 0 has children out of order");
    }

    @Test
    void aModelTrainedOnOtherFeaturesIsRefused() throws IOException {
        ModelArtifact shipped = ModelArtifacts.read(SHIPPED);
        List<String> renamed = new ArrayList<>(shipped.features());
        renamed.set(3, "voice_minutes_slope");
        ModelArtifact other = new ModelArtifact(shipped.format(), "old", shipped.trainedAt(), shipped.training(), renamed,
                shipped.typical(), shipped.models(), shipped.crossValidation());
        Path file = dir.resolve("old.json");
        ModelArtifacts.write(file, other);
        assertThatThrownBy(() -> PulseJob.loadChurnModels(configWithModel(file.toString())))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("first differ at position 3 ('voice_minutes_slope' in the file, 'voice_minutes_trend' in the job)")
                .hasMessageContaining("Retrain");
    }

    @Test
    void aMemberThatIsNoModelIsRefused() {
        String yaml = TestEvents.shippedConfigText().replace("members: [trees, logistic]", "members: [trees, forest]");
        ScoringConfig config = ScoringConfig.parse(yaml, TestEvents.repoFile("config"));
        assertThatThrownBy(() -> PulseJob.loadChurnModels(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("churn.members names 'forest'")
                .hasMessageContaining("[trees, logistic, consumption]");
    }

    private static ScoringConfig configWithModel(String modelFile) {
        String yaml = TestEvents.shippedConfigText().replace("model-file: models/churn-1.json", "model-file: " + modelFile);
        return ScoringConfig.parse(yaml, TestEvents.repoFile("config"));
    }
}
