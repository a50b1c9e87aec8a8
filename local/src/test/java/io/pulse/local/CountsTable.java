package io.pulse.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per category of input record: how many were written, how many dead letters of each reason they
 * caused, how many counted.
 */
final class CountsTable {
    private final List<String> reasons;
    private final Map<String, long[]> rows = new LinkedHashMap<>();

    CountsTable(List<String> reasons) {
        this.reasons = reasons;
    }

    /** Adds an empty row: rows appear in the order they were added or first counted. */
    void addRow(String category) {
        row(category);
    }

    void record(String category) {
        row(category)[0]++;
    }

    void deadLetter(String category, String reason) {
        int column = reasons.indexOf(reason);
        row(category)[column < 0 ? reasons.size() + 1 : column + 1]++;
    }

    void counted(String category) {
        row(category)[reasons.size() + 2]++;
    }

    private long[] row(String category) {
        return rows.computeIfAbsent(category, c -> new long[reasons.size() + 3]);
    }

    /** The table as text, with a total line. */
    String render() {
        StringBuilder out = new StringBuilder();
        String header = String.format("%-48s %8s", "category", "records");
        for (String reason : reasons) {
            header += String.format(" %11s", reason);
        }
        header += String.format(" %7s %8s", "other", "counted");
        out.append(header).append('\n').append("-".repeat(header.length())).append('\n');
        long[] total = new long[reasons.size() + 3];
        rows.forEach(
                (category, counts) -> {
                    out.append(line(category, counts));
                    for (int i = 0; i < counts.length; i++) {
                        total[i] += counts[i];
                    }
                });
        out.append("-".repeat(header.length())).append('\n').append(line("total", total));
        return out.toString();
    }

    private String line(String category, long[] counts) {
        StringBuilder line = new StringBuilder(String.format("%-48s %8d", category, counts[0]));
        for (int i = 1; i <= reasons.size(); i++) {
            line.append(String.format(" %11d", counts[i]));
        }
        return line.append(
                        String.format(
                                " %7d %8d%n",
                                counts[reasons.size() + 1], counts[reasons.size() + 2]))
                .toString();
    }
}
