package io.pulse.model;

import io.pulse.model.report.ChurnReport;
import io.pulse.model.report.ReportTable;
import io.pulse.model.report.ScoredSet;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.model.ModelArtifact;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of {@code pulse-model evaluate --report DIR}: the published (combined) probability
 * first, then each model alone, so the charts show what the combination adds; the model file's own
 * cross-validation beside it, so a drop from training to this file stands out.
 */
final class EvaluationReport {
    static final String TITLE = "Churn model evaluation";

    private EvaluationReport() {}

    /**
     * What {@code evaluate} scored: the subscribers' ids and labels, and each set's probabilities.
     */
    record Scored(
            List<String> ids,
            int[] y,
            String combinedName,
            double[] combined,
            List<String> models,
            double[][] byModel) {}

    static ChurnReport.ReportFiles write(
            Path directory,
            Path data,
            Path configFile,
            ScoringConfig config,
            Path modelFile,
            ModelArtifact artifact,
            double threshold,
            Scored scored)
            throws IOException {
        ScoringConfig.Churn churn = config.churn();
        int churners = 0;
        for (int label : scored.y()) {
            churners += label;
        }
        ChurnReport.Builder report =
                ChurnReport.builder(TITLE)
                        .input(
                                String.format(
                                        Locale.ROOT,
                                        "Labelled file %s: %,d subscribers, %,d churners",
                                        data,
                                        scored.ids().size(),
                                        churners))
                        .input(
                                String.format(
                                        Locale.ROOT,
                                        "Model file %s: version %s, trained %s on %s (%,d subscribers)",
                                        modelFile,
                                        artifact.version(),
                                        artifact.trainedAt(),
                                        artifact.training().file(),
                                        artifact.training().rows()))
                        .input(
                                String.format(
                                        Locale.ROOT,
                                        "Configuration %s: members %s combined by %s, alert threshold %.3f",
                                        configFile,
                                        churn.members(),
                                        churn.combine(),
                                        threshold))
                        .input(
                                "Each subscriber replayed through the job's state and feature code and scored by its churn"
                                        + " scorer; sets: '"
                                        + scored.combinedName()
                                        + "' (the published probability), then each"
                                        + " model alone")
                        .threshold(threshold)
                        .set(
                                ScoredSet.of(
                                        scored.combinedName(),
                                        scored.ids(),
                                        scored.combined(),
                                        scored.y()));
        for (int m = 0; m < scored.models().size(); m++) {
            report.set(
                    ScoredSet.of(
                            scored.models().get(m), scored.ids(), scored.byModel()[m], scored.y()));
        }
        if (artifact.crossValidation() != null && !artifact.crossValidation().isEmpty()) {
            report.table(crossValidation(artifact));
        }
        return report.build().writeTo(directory);
    }

    /** The model file's cross-validated metrics, as measured on its training file. */
    private static ReportTable crossValidation(ModelArtifact artifact) {
        ReportTable.Builder table =
                ReportTable.builder(
                        "Cross-validated when trained (from the model file)",
                        "model",
                        "AUC",
                        "precision",
                        "recall",
                        "flagged",
                        "top-10% precision",
                        "top-10% lift");
        for (Map.Entry<String, Map<String, Double>> e : artifact.crossValidation().entrySet()) {
            Map<String, Double> m = e.getValue();
            table.row(
                    e.getKey(),
                    f3(m.get("auc")),
                    f3(m.get("precision")),
                    f3(m.get("recall")),
                    m.get("flagged") == null
                            ? "n/a"
                            : String.format(Locale.ROOT, "%,d", Math.round(m.get("flagged"))),
                    f3(m.get("top10-precision")),
                    m.get("top10-lift") == null
                            ? "n/a"
                            : String.format(Locale.ROOT, "%.2f", m.get("top10-lift")));
        }
        return table.note(
                        artifact.training().method()
                                + " on "
                                + artifact.training().file()
                                + " ("
                                + String.format(Locale.ROOT, "%,d", artifact.training().rows())
                                + " subscribers); compare with the"
                                + " summary: figures far below these mean this file differs from the training data.")
                .build();
    }

    private static String f3(Double v) {
        return v == null || v.isNaN() ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }
}
