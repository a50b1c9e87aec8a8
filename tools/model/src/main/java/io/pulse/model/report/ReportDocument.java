package io.pulse.model.report;

import java.util.List;

/**
 * What report.md and report.html both say, in order: the title, the inputs, the tables (the summary
 * first), the charts with their captions and the data files. The two renderers only lay it out, so
 * the two reports cannot drift apart.
 */
record ReportDocument(
        String title,
        List<String> inputs,
        List<ReportTable> tables,
        List<Figure> figures,
        List<DataFile> files) {

    /**
     * A chart: its PNG (relative to the report), a heading, and one sentence saying how to read it.
     */
    record Figure(String file, String title, String caption) {}

    /** A CSV next to the report and what it holds. */
    record DataFile(String file, String description) {}
}
