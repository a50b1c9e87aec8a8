package io.pulse.scoring.control;

import io.pulse.schema.control.ControlOutcome;
import io.pulse.schema.control.ControlSlot;
import io.pulse.scoring.TestEvents;
import io.pulse.scoring.model.ModelArtifacts;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static io.pulse.scoring.TestEvents.shippedConfig;
import static io.pulse.scoring.TestEvents.shippedConfigText;
import static io.pulse.scoring.TestEvents.shippedModels;
import static org.assertj.core.api.Assertions.assertThat;

class LiveVersionsTest {
    private static final String SHIPPED_VERSION = "version: \"2026.12-1\"";

    private final LiveVersions atStart = LiveVersions.atStart(shippedConfig(), shippedModels());

    private static ControlArtifact config(String version, String... linesAndReplacements) {
        String text = shippedConfigText().replace(SHIPPED_VERSION, "version: \"" + version + "\"");
        for (int i = 0; i < linesAndReplacements.length; i += 2) {
            assertThat(text).contains(linesAndReplacements[i]);
            text = text.replace(linesAndReplacements[i], linesAndReplacements[i + 1]);
        }
        return ControlArtifact.of(
                ControlSlot.CONFIG, version, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A model file of config/models, under its own version. */
    private static ControlArtifact model(ControlSlot slot, String file) {
        return model(slot, file, null);
    }

    /** A model file of config/models, relabelled {@code version} unless null. */
    private static ControlArtifact model(ControlSlot slot, String file, String version) {
        try {
            String text = Files.readString(TestEvents.repoFile("config/models/" + file));
            String own = ModelArtifacts.parse(text, file).version();
            if (version != null) {
                text =
                        text.replace(
                                "\"version\" : \"" + own + "\"",
                                "\"version\" : \"" + version + "\"");
                assertThat(ModelArtifacts.parse(text, file).version()).isEqualTo(version);
            }
            return ControlArtifact.of(
                    slot, version != null ? version : own, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aValidConfigurationIsAcceptedAndScoresWithItsVersion() {
        LiveVersions.Decision decision =
                atStart.consider(config("2026.12-2", "churn-change: 0.001", "churn-change: 0.01"));

        assertThat(decision.outcome()).isEqualTo(ControlOutcome.ACCEPTED);
        assertThat(decision.changed()).isTrue();
        assertThat(decision.versions().configVersion()).isEqualTo("2026.12-2");
        assertThat(decision.versions().config().scores().churnChange()).isEqualTo(0.01);
        assertThat(decision.versions().championVersion()).isEqualTo("sim-2026.12-2");
        assertThat(decision.versions().published())
                .extracting(ControlArtifact::describe)
                .containsExactly("CONFIG 2026.12-2");
        assertThat(atStart.configVersion()).isEqualTo("2026.12-1");
    }

    @Test
    void aConfigurationWithAKeyOutOfRangeIsRefusedWithTheKeyAndNothingChanges() {
        LiveVersions.Decision decision =
                atStart.consider(config("2026.12-2", "churn-change: 0.001", "churn-change: -1"));

        assertThat(decision.outcome()).isEqualTo(ControlOutcome.REFUSED);
        assertThat(decision.reason()).contains("churn-change");
        assertThat(decision.versions()).isSameAs(atStart);
        assertThat(decision.changed()).isFalse();
    }

    @Test
    void aConfigurationWhoseRecordNamesAnotherVersionIsRefused() {
        ControlArtifact mislabelled = config("2026.12-2");
        LiveVersions.Decision decision =
                atStart.consider(
                        new ControlArtifact(
                                ControlSlot.CONFIG,
                                "2026.12-9",
                                mislabelled.sha256(),
                                mislabelled.content()));

        assertThat(decision.reason())
                .isEqualTo(
                        "the record names version 2026.12-9 but its content is version 2026.12-2");
    }

    @Test
    void whatTheSourcesAndSinksWereBuiltWithCannotChangeLive() {
        LiveVersions.Decision decision =
                atStart.consider(
                        config(
                                "2026.12-2",
                                "out-of-orderness-seconds: 30",
                                "out-of-orderness-seconds: 60",
                                "retention-days: 92",
                                "retention-days: 100"));

        assertThat(decision.outcome()).isEqualTo(ControlOutcome.REFUSED);
        assertThat(decision.reason())
                .contains("time.out-of-orderness-seconds, state.retention-days")
                .contains("savepoint upgrade");
    }

    @Test
    void theVersionInForceIsAcceptedAgainOnlyWithTheSameContent() {
        LiveVersions.Decision same = atStart.consider(config("2026.12-1"));
        assertThat(same.outcome()).as(same.reason()).isEqualTo(ControlOutcome.ACCEPTED);
        assertThat(same.changed()).isFalse();
        assertThat(same.reason()).isEqualTo("already in force");

        LiveVersions.Decision other =
                atStart.consider(config("2026.12-1", "churn-change: 0.001", "churn-change: 0.01"));
        assertThat(other.outcome()).isEqualTo(ControlOutcome.REFUSED);
        assertThat(other.reason()).contains("is in force with other content");
    }

    @Test
    void aModelIsCheckedAgainstTheConfigurationInForce() {
        LiveVersions.Decision champion =
                atStart.consider(model(ControlSlot.CHAMPION, "churn-sim.json", "sim-2026.12-9"));
        assertThat(champion.outcome()).as(champion.reason()).isEqualTo(ControlOutcome.ACCEPTED);
        assertThat(champion.versions().championVersion()).isEqualTo("sim-2026.12-9");

        LiveVersions.Decision noOperatingPoints =
                atStart.consider(model(ControlSlot.CHAMPION, "churn-public.json"));
        assertThat(noOperatingPoints.outcome()).isEqualTo(ControlOutcome.REFUSED);
        assertThat(noOperatingPoints.reason())
                .contains("churn.band.precision needs a model file with operating points");

        LiveVersions.Decision withoutMember =
                atStart.consider(config("2026.12-2", "members: [boosted]", "members: [forest]"));
        assertThat(withoutMember.outcome()).isEqualTo(ControlOutcome.REFUSED);
        assertThat(withoutMember.reason()).contains("'forest', which is not a model");

        ControlArtifact notAModel =
                ControlArtifact.of(ControlSlot.CHAMPION, "x-1", "{\"format\": 1}".getBytes());
        assertThat(atStart.consider(notAModel).reason()).startsWith("CHAMPION x-1");
    }

    @Test
    void aChallengerComesAndIsRetiredWithoutTouchingTheChampion() {
        LiveVersions.Decision challenger =
                atStart.consider(model(ControlSlot.CHALLENGER, "churn-sim.json", "sim-next"));
        assertThat(challenger.outcome()).as(challenger.reason()).isEqualTo(ControlOutcome.ACCEPTED);
        LiveVersions withChallenger = challenger.versions();
        assertThat(withChallenger.challengerVersion()).isEqualTo("sim-next");
        assertThat(withChallenger.championVersion()).isEqualTo("sim-2026.12-2");

        LiveVersions.Decision retired = withChallenger.consider(ControlArtifact.retireChallenger());
        assertThat(retired.outcome()).isEqualTo(ControlOutcome.ACCEPTED);
        assertThat(retired.versions().challengerVersion()).isNull();
        assertThat(atStart.consider(ControlArtifact.retireChallenger()).changed()).isFalse();
    }

    @Test
    void restoredVersionsAreCheckedTogether() {
        LiveVersions applied =
                atStart.consider(model(ControlSlot.CHAMPION, "churn-sim.json", "sim-2026.12-9"))
                        .versions()
                        .consider(config("2026.12-2", "churn-change: 0.001", "churn-change: 0.01"))
                        .versions();

        LiveVersions restored = atStart.restored(applied.published());

        assertThat(restored.configVersion()).isEqualTo("2026.12-2");
        assertThat(restored.championVersion()).isEqualTo("sim-2026.12-9");
        assertThat(restored.published()).hasSize(2);
        assertThat(atStart.restored(List.of()).championVersion()).isEqualTo("sim-2026.12-2");
    }
}
