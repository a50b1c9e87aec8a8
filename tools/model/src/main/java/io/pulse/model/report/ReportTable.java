package io.pulse.model.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table the caller adds to a report, already formatted: a title, an optional note saying how to
 * read it (empty for none), the column names and rows of cells, every row as wide as the header.
 * The report escapes the cells for Markdown and HTML; the caller formats the numbers, because only
 * it knows which figure is a count, a rate or an amount.
 *
 * <p>The replay command's per-alert-type table is one: alert type, alerts per 1,000 subscribers per
 * month, precision, recall, lead time, contacts per churner caught, value.
 */
public record ReportTable(String title, String note, List<String> header, List<List<String>> rows) {

    public ReportTable {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("a report table needs a title");
        }
        note = note == null ? "" : note;
        header = List.copyOf(header);
        if (header.isEmpty()) {
            throw new IllegalArgumentException("table '" + title + "' has no columns");
        }
        List<List<String>> copied = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() != header.size()) {
                throw new IllegalArgumentException(
                        "table '"
                                + title
                                + "': row "
                                + (r + 1)
                                + " has "
                                + row.size()
                                + " cells for "
                                + header.size()
                                + " columns "
                                + header);
            }
            copied.add(row.stream().map(cell -> cell == null ? "" : cell).toList());
        }
        rows = List.copyOf(copied);
    }

    /** Starts a table with these columns; add rows with {@link Builder#row}. */
    public static Builder builder(String title, String... header) {
        return new Builder(title, List.of(header));
    }

    /** Collects the rows of a table. */
    public static final class Builder {
        private final String title;
        private final List<String> header;
        private final List<List<String>> rows = new ArrayList<>();
        private String note = "";

        private Builder(String title, List<String> header) {
            this.title = title;
            this.header = header;
        }

        /** One sentence under the title saying how to read the table. */
        public Builder note(String note) {
            this.note = note;
            return this;
        }

        public Builder row(String... cells) {
            rows.add(Arrays.asList(cells.clone()));
            return this;
        }

        public ReportTable build() {
            return new ReportTable(title, note, header, rows);
        }
    }
}
