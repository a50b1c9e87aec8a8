package io.pulse.model.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The whole report of two sets of the ten hand-computed subscribers, as the replay command will
 * write it.
 */
class ChurnReportTest {
    /**
     * The challenger swaps the scores of c (stayed) and d (churned), so it ranks a little better.
     */
    private static final double[] CHALLENGER = {
        0.45, 0.95, 0.15, 0.80, 0.05, 0.70, 0.35, 0.85, 0.25, 0.60
    };

    @TempDir Path dir;

    private static ChurnReport twoSets(boolean leadTimes) {
        ScoredSet current =
                leadTimes
                        ? ScoredSet.of(
                                "current",
                                TenSubscribers.IDS,
                                TenSubscribers.SCORES,
                                TenSubscribers.Y,
                                new double[] {3, 30, 10})
                        : TenSubscribers.set("current");
        ScoredSet challenger =
                leadTimes
                        ? ScoredSet.of(
                                "challenger",
                                TenSubscribers.IDS,
                                CHALLENGER,
                                TenSubscribers.Y,
                                new double[] {5, 12})
                        : ScoredSet.of(
                                "challenger", TenSubscribers.IDS, CHALLENGER, TenSubscribers.Y);
        return ChurnReport.builder("Replay of <test> history")
                .input("Event history test-events.avro, 10 subscribers")
                .input("Model | version churn-2")
                .threshold(0.5)
                .set(current)
                .set(challenger)
                .table(
                        ReportTable.builder(
                                        "Alerts by type",
                                        "alert type",
                                        "precision",
                                        "contacts per churner caught")
                                .note("One row per alert type.")
                                .row("CHURN_RISK", "0.600", "1.7")
                                .row("a|b <b>", "n/a", "n/a")
                                .build())
                .build();
    }

    @Test
    void writesEveryChartCsvAndBothDocuments() throws IOException {
        ChurnReport.ReportFiles files = twoSets(true).writeTo(dir.resolve("report"));

        Path out = dir.resolve("report");
        assertThat(files.directory()).isEqualTo(out);
        assertThat(files.html()).isEqualTo(out.resolve(ChurnReport.HTML));
        assertThat(files.markdown()).isEqualTo(out.resolve(ChurnReport.MARKDOWN));
        assertThat(files.files())
                .extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder(
                        "scores.csv",
                        "deciles.csv",
                        "calibration.csv",
                        "precision-recall.csv",
                        "lead-times.csv",
                        "gains.png",
                        "lift.png",
                        "precision-recall.png",
                        "calibration.png",
                        "lead-times.png",
                        "report.md",
                        "report.html");
        for (Path file : files.files()) {
            assertThat(file).isRegularFile().isNotEmptyFile();
        }
        for (String chart :
                List.of(
                        ChurnReport.GAINS_CHART,
                        ChurnReport.LIFT_CHART,
                        ChurnReport.PRECISION_RECALL_CHART,
                        ChurnReport.CALIBRATION_CHART,
                        ChurnReport.LEAD_TIME_CHART)) {
            BufferedImage image = ImageIO.read(out.resolve(chart).toFile());
            assertThat(image).as(chart).isNotNull();
            assertThat(image.getWidth()).as(chart).isEqualTo(ChurnReport.CHART_WIDTH);
            assertThat(image.getHeight()).as(chart).isEqualTo(ChurnReport.CHART_HEIGHT);
            // both sets are drawn, each in its own colour
            assertThat(containsColour(image, Charts.colourOf(0).getRGB()))
                    .as("%s draws current", chart)
                    .isTrue();
            assertThat(containsColour(image, Charts.colourOf(1).getRGB()))
                    .as("%s draws challenger", chart)
                    .isTrue();
        }
    }

    @Test
    void theCsvsHoldTheHandComputedFigures() throws IOException {
        twoSets(true).writeTo(dir);

        List<String[]> scores = csv(dir.resolve(ChurnReport.SCORES_CSV));
        assertThat(scores.get(0)).containsExactly("set", "id", "score", "label");
        assertThat(scores).hasSize(1 + 2 * 10);
        assertThat(scores.get(2)).containsExactly("current", "a", "0.95", "1");
        assertThat(scores.get(11 + 3)).containsExactly("challenger", "d", "0.8", "1");

        List<String[]> deciles = csv(dir.resolve(ChurnReport.DECILES_CSV));
        assertThat(deciles.get(0))
                .containsExactly(
                        "set",
                        "decile",
                        "subscribers",
                        "churners",
                        "churn_rate",
                        "lift",
                        "cumulative_gain",
                        "min_score",
                        "max_score");
        assertThat(deciles).hasSize(1 + 2 * 10);
        String[] third = deciles.get(3); // current, decile 3: c (0.80, stayed)
        assertThat(Arrays.copyOf(third, 4)).containsExactly("current", "3", "1", "0");
        assertThat(Double.parseDouble(third[5])).isZero();
        assertThat(Double.parseDouble(third[6])).isEqualTo(0.5);
        assertThat(third[7]).isEqualTo("0.8");
        String[] challengerThird = deciles.get(13); // challenger, decile 3: d (0.80, churned)
        assertThat(Arrays.copyOf(challengerThird, 4)).containsExactly("challenger", "3", "1", "1");
        assertThat(Double.parseDouble(challengerThird[5])).isCloseTo(2.5, within(1e-12));
        assertThat(Double.parseDouble(challengerThird[6])).isEqualTo(0.75);

        List<String[]> calibration = csv(dir.resolve(ChurnReport.CALIBRATION_CSV));
        assertThat(calibration.get(0))
                .containsExactly(
                        "set",
                        "bin",
                        "from",
                        "to",
                        "subscribers",
                        "churners",
                        "mean_predicted",
                        "observed_churn_rate");
        // ten bins of one subscriber each, lowest first: the ninth holds b (0.85, churned), the
        // sixth e (0.60, stayed)
        String[] ninth = calibration.get(9);
        assertThat(Arrays.copyOf(ninth, 6))
                .containsExactly("current", "9", "0.85", "0.85", "1", "1");
        assertThat(Double.parseDouble(ninth[6])).isCloseTo(0.85, within(1e-12));
        assertThat(ninth[7]).isEqualTo("1.0");
        assertThat(calibration.get(6))
                .containsExactly("current", "6", "0.6", "0.6", "1", "0", "0.6", "0.0");

        List<String[]> pr = csv(dir.resolve(ChurnReport.PRECISION_RECALL_CSV));
        assertThat(pr.get(0))
                .containsExactly(
                        "set", "threshold", "flagged", "churners_caught", "precision", "recall");
        assertThat(pr.get(5)).containsExactly("current", "0.6", "5", "3", "0.6", "0.75");

        List<String[]> leadTimes = csv(dir.resolve(ChurnReport.LEAD_TIMES_CSV));
        assertThat(leadTimes).hasSize(1 + 5);
        assertThat(leadTimes.get(1)).containsExactly("current", "3.0");
        assertThat(leadTimes.get(5)).containsExactly("challenger", "12.0");
    }

    @Test
    void theMarkdownSummaryHasTheHandComputedFigures() throws IOException {
        ChurnReport report = twoSets(true);
        report.writeTo(dir);
        String md = Files.readString(dir.resolve(ChurnReport.MARKDOWN));

        assertThat(md).startsWith("# Replay of &lt;test> history\n");
        assertThat(md)
                .contains(
                        "- Event history test-events.avro, 10 subscribers\n",
                        "- Model | version churn-2\n");
        assertThat(md)
                .contains(
                        "| set | subscribers | churners | churn rate | AUC | Brier | precision at 0.50 "
                                + "| recall at 0.50 | flagged at 0.50 | top-10% precision | top-10% lift | median lead time (days) |");
        // AUC 20/24, Brier 0.18275, 5 flagged of whom 3 churned, top 10% = a (churned), median of
        // 3, 10, 30
        assertThat(md)
                .contains(
                        "| current | 10 | 4 | 0.400 | 0.833 | 0.183 | 0.600 | 0.750 | 5 | 1.000 | 2.50 | 10.0 |");
        // the challenger swaps c and d: 21 of 24 pairs in order, the same flagged set, median of 5
        // and 12
        assertThat(md)
                .contains(
                        "| challenger | 10 | 4 | 0.400 | 0.875 | 0.163 | 0.600 | 0.750 | 5 | 1.000 | 2.50 | 8.5 |");
        assertThat(md)
                .contains(
                        "## Alerts by type\n\n"
                                + "| alert type | precision | contacts per churner caught |\n|---|---:|---:|\n"
                                + "| CHURN_RISK | 0.600 | 1.7 |\n| a\\|b &lt;b> | n/a | n/a |\n\nOne row per alert type.\n");
        assertThat(md)
                .contains(
                        "![Cumulative gains](gains.png)",
                        "![Lift by decile](lift.png)",
                        "![Precision and recall](precision-recall.png)",
                        "![Calibration](calibration.png)",
                        "![Lead time](lead-times.png)");
        assertThat(report.summaries().get(0).auc()).isCloseTo(TenSubscribers.AUC, within(1e-12));
        assertThat(report.summaries().get(0).brier())
                .isCloseTo(TenSubscribers.BRIER, within(1e-12));
    }

    @Test
    void theHtmlIsSelfContainedAndRefersOnlyToFilesBesideIt() throws IOException {
        twoSets(true).writeTo(dir);
        String html = Files.readString(dir.resolve(ChurnReport.HTML));

        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("<style>")
                .doesNotContain("<script", "<link", "http:", "https:", "url(", "@import");
        assertThat(html).contains("<td>a|b &lt;b&gt;</td>");
        assertThat(html)
                .contains("<td>current</td><td>10</td><td>4</td><td>0.400</td><td>0.833</td>");
        List<String> referenced = references(html);
        assertThat(referenced)
                .contains(
                        "gains.png",
                        "lift.png",
                        "precision-recall.png",
                        "calibration.png",
                        "lead-times.png",
                        "scores.csv",
                        "deciles.csv");
        for (String file : referenced) {
            assertThat(dir.resolve(file)).as(file).isRegularFile();
        }
    }

    @Test
    void withoutLeadTimesTheirChartIsLeftOutAndAnOldOneRemoved() throws IOException {
        twoSets(true).writeTo(dir);
        assertThat(dir.resolve(ChurnReport.LEAD_TIME_CHART)).exists();

        ChurnReport.ReportFiles files = twoSets(false).writeTo(dir);

        assertThat(dir.resolve(ChurnReport.LEAD_TIME_CHART)).doesNotExist();
        assertThat(files.files()).doesNotContain(dir.resolve(ChurnReport.LEAD_TIME_CHART));
        assertThat(csv(dir.resolve(ChurnReport.LEAD_TIMES_CSV))).hasSize(1);
        String html = Files.readString(files.html());
        assertThat(references(html)).doesNotContain(ChurnReport.LEAD_TIME_CHART);
        assertThat(Files.readString(files.markdown())).contains("| 2.50 | n/a |", "no lead times");
    }

    @Test
    void oneSetIsEnoughAndTwoSetsMayNotShareAName() throws IOException {
        ChurnReport.ReportFiles files =
                ChurnReport.builder("One").set(TenSubscribers.set("only")).build().writeTo(dir);
        assertThat(ImageIO.read(dir.resolve(ChurnReport.GAINS_CHART).toFile()).getWidth())
                .isEqualTo(ChurnReport.CHART_WIDTH);
        assertThat(Files.readString(files.markdown())).contains("| only | 10 | 4 |");

        assertThatThrownBy(
                        () ->
                                ChurnReport.builder("Two")
                                        .set(TenSubscribers.set("x"))
                                        .set(TenSubscribers.set("x"))
                                        .build())
                .hasMessageContaining("two scored sets are named 'x'");
        assertThatThrownBy(() -> ChurnReport.builder("None").build())
                .hasMessageContaining("at least one scored set");
        assertThatThrownBy(() -> ReportTable.builder("T", "a", "b").row("1").build())
                .hasMessageContaining("row 1 has 1 cells for 2 columns");
    }

    @Test
    void theLgplVectorGraphicsLibraryIsNotOnTheClasspath() {
        // excluded from XChart in the parent POM; BitmapEncoder, the only encoder used, does not
        // need it
        for (String excluded :
                List.of(
                        "de.erichseifert.vectorgraphics2d.VectorGraphics2D",
                        "de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D",
                        "com.madgag.gif.fmsware.AnimatedGifEncoder")) {
            assertThatThrownBy(() -> Class.forName(excluded))
                    .as(excluded)
                    .isInstanceOf(ClassNotFoundException.class);
        }
    }

    private static boolean containsColour(BufferedImage image, int rgb) {
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (rgb & 0xFFFFFF)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String[]> csv(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            rows.add(line.split(",", -1));
        }
        return rows;
    }

    /** Every src and href of the page. */
    static List<String> references(String html) {
        List<String> refs = new ArrayList<>();
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(html);
        while (m.find()) {
            refs.add(m.group(1));
        }
        return refs;
    }
}
