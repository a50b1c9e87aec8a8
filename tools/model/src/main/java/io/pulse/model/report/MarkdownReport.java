package io.pulse.model.report;

import java.util.List;

/**
 * Renders a {@link ReportDocument} as GitHub-flavoured Markdown, charts as relative image links.
 */
final class MarkdownReport {

    private MarkdownReport() {}

    static String render(ReportDocument doc) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(text(doc.title())).append("\n\n");
        if (!doc.inputs().isEmpty()) {
            md.append("## Inputs\n\n");
            for (String input : doc.inputs()) {
                md.append("- ").append(text(input)).append('\n');
            }
            md.append('\n');
        }
        for (ReportTable table : doc.tables()) {
            md.append("## ").append(text(table.title())).append("\n\n");
            row(md, table.header());
            md.append('|');
            for (int i = 0; i < table.header().size(); i++) {
                md.append(i == 0 ? "---|" : "---:|");
            }
            md.append('\n');
            for (List<String> row : table.rows()) {
                row(md, row);
            }
            md.append('\n');
            if (!table.note().isEmpty()) {
                md.append(text(table.note())).append("\n\n");
            }
        }
        if (!doc.figures().isEmpty()) {
            md.append("## Charts\n\n");
            for (ReportDocument.Figure figure : doc.figures()) {
                md.append("### ").append(text(figure.title())).append("\n\n");
                md.append("![")
                        .append(text(figure.title()))
                        .append("](")
                        .append(figure.file())
                        .append(")\n\n");
                md.append(text(figure.caption())).append("\n\n");
            }
        }
        if (!doc.files().isEmpty()) {
            md.append("## Data\n\n");
            for (ReportDocument.DataFile file : doc.files()) {
                md.append("- [")
                        .append(file.file())
                        .append("](")
                        .append(file.file())
                        .append("): ")
                        .append(text(file.description()))
                        .append('\n');
            }
        }
        return md.toString();
    }

    private static void row(StringBuilder md, List<String> cells) {
        md.append('|');
        for (String cell : cells) {
            md.append(' ').append(cell(cell)).append(" |");
        }
        md.append('\n');
    }

    /** A line of text: one line, no HTML. */
    private static String text(String s) {
        return s.replace("\r", " ").replace("\n", " ").replace("<", "&lt;");
    }

    /** A table cell: also no column separators. */
    private static String cell(String s) {
        return text(s).replace("\\", "\\\\").replace("|", "\\|");
    }
}
