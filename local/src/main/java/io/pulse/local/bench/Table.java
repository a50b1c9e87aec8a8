package io.pulse.local.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A small table, written aligned for the console or as Markdown: first column left, the others
 * right unless said.
 */
final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;
    private final boolean[] left;

    Table(String... header) {
        this.columns = header.length;
        this.left = new boolean[columns];
        this.left[0] = true;
        rows.add(header);
    }

    /** Aligns a column of text to the left. */
    Table left(int column) {
        left[column] = true;
        return this;
    }

    Table row(String... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException(
                    "a row of " + cells.length + " cells in a table of " + columns + " columns");
        }
        rows.add(cells);
        return this;
    }

    String text() {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder s = new StringBuilder();
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                String format = (c == 0 ? "" : "  ") + (left[c] ? "%-" : "%") + widths[c] + "s";
                s.append(String.format(format, row[c]));
            }
            s.append(System.lineSeparator());
        }
        return s.toString().replaceAll(" +(\r?\n)", "$1");
    }

    /** In the form of docs/benchmark.md: {@code | | floor |}, {@code |---|---:|}. */
    String markdown() {
        StringBuilder s = new StringBuilder();
        s.append(line(rows.get(0)));
        for (int c = 0; c < columns; c++) {
            s.append(left[c] ? "|---" : "|---:");
        }
        s.append("|\n");
        for (String[] row : rows.subList(1, rows.size())) {
            s.append(line(row));
        }
        return s.toString();
    }

    private static String line(String[] cells) {
        StringBuilder s = new StringBuilder("|");
        for (String cell : cells) {
            s.append(cell.isEmpty() ? " " : " " + cell + " ").append('|');
        }
        return s.append('\n').toString();
    }
}
