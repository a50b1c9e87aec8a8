package io.pulse.model.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads labelled churn files with the columns of the public calibration set (State, Account length,
 * ..., Customer service calls, Churn), by column name. A missing column or an unreadable value
 * fails with the file, line and column.
 */
public final class LabelledCsv {
    static final String[] REQUIRED = {
        "Account length", "International plan", "Voice mail plan",
        "Total day minutes", "Total day calls", "Total day charge",
        "Total eve minutes", "Total eve calls", "Total eve charge",
        "Total night minutes", "Total night calls", "Total night charge",
        "Total intl minutes", "Total intl calls", "Total intl charge",
        "Customer service calls", "Churn"
    };

    private LabelledCsv() {}

    public static List<LabelledSubscriber> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read labelled file " + file + ": " + e, e);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty");
        }
        Map<String, Integer> columns = new HashMap<>();
        String[] header = lines.get(0).split(",", -1);
        for (int i = 0; i < header.length; i++) {
            columns.put(header[i].trim(), i);
        }
        for (String name : REQUIRED) {
            if (!columns.containsKey(name)) {
                throw new IllegalArgumentException(file + ": missing column '" + name + "'");
            }
        }
        List<LabelledSubscriber> rows = new ArrayList<>(lines.size() - 1);
        for (int n = 1; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) {
                continue;
            }
            Row row = new Row(file, n + 1, lines.get(n).split(",", -1), columns);
            rows.add(
                    new LabelledSubscriber(
                            "labelled-" + n,
                            row.integer("Account length"),
                            row.yesNo("International plan"),
                            row.yesNo("Voice mail plan"),
                            row.band("day"),
                            row.band("eve"),
                            row.band("night"),
                            row.band("intl"),
                            row.integer("Customer service calls"),
                            row.bool("Churn")));
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + " has no rows");
        }
        return rows;
    }

    private record Row(Path file, int line, String[] cells, Map<String, Integer> columns) {

        LabelledSubscriber.Band band(String name) {
            return new LabelledSubscriber.Band(
                    integer("Total " + name + " calls"),
                    number("Total " + name + " minutes"),
                    number("Total " + name + " charge"));
        }

        int integer(String column) {
            double value = number(column);
            if (value != Math.rint(value)) {
                throw error(column, "a whole number");
            }
            return (int) value;
        }

        double number(String column) {
            try {
                double value = Double.parseDouble(cell(column));
                if (!(value >= 0) || Double.isInfinite(value)) {
                    throw error(column, "a number of at least 0");
                }
                return value;
            } catch (NumberFormatException e) {
                throw error(column, "a number");
            }
        }

        boolean yesNo(String column) {
            return choice(column, "yes", "no");
        }

        boolean bool(String column) {
            return choice(column, "true", "false");
        }

        private boolean choice(String column, String yes, String no) {
            String value = cell(column).toLowerCase(Locale.ROOT);
            if (value.equals(yes)) {
                return true;
            }
            if (value.equals(no)) {
                return false;
            }
            throw error(column, yes + " or " + no);
        }

        private String cell(String column) {
            int i = columns.get(column);
            if (i >= cells.length) {
                throw error(column, "a value");
            }
            return cells[i].trim();
        }

        private IllegalArgumentException error(String column, String expected) {
            int i = columns.get(column);
            String got = i < cells.length ? cells[i] : "nothing";
            return new IllegalArgumentException(
                    String.format(
                            "%s line %d, column '%s': expected %s, got '%s'",
                            file, line, column, expected, got));
        }
    }
}
