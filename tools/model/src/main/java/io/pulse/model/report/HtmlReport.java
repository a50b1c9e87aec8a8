package io.pulse.model.report;

import java.util.List;

/**
 * Renders a {@link ReportDocument} as one self-contained HTML page: inline CSS, no scripts, no
 * external addresses; the only other files it refers to are the charts and CSVs next to it, by
 * relative path, so the directory can be zipped, mailed or served as it is.
 */
final class HtmlReport {
    private static final String CSS =
            String.join(
                    "\n",
                    "body{font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:#222;max-width:60em;"
                            + "margin:2em auto;padding:0 1em;line-height:1.45}",
                    "h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.8em;border-bottom:1px solid #ddd}",
                    "h3{font-size:1.05em;margin-top:1.4em}",
                    "table{border-collapse:collapse;margin:.6em 0;font-size:.9em}",
                    "th,td{border:1px solid #ccc;padding:.3em .6em}td{text-align:right}td:first-child{text-align:left}",
                    "th{background:#f3f3f3}tr:nth-child(even) td{background:#fafafa}",
                    "p.note,figcaption{color:#444;font-size:.92em}",
                    "figure{margin:1em 0}img{max-width:100%;height:auto;border:1px solid #eee}");

    private HtmlReport() {}

    static String render(ReportDocument doc) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>")
                .append(escape(doc.title()))
                .append("</title>\n")
                .append("<style>\n")
                .append(CSS)
                .append("\n</style>\n</head>\n<body>\n")
                .append("<h1>")
                .append(escape(doc.title()))
                .append("</h1>\n");
        if (!doc.inputs().isEmpty()) {
            html.append("<h2>Inputs</h2>\n<ul>\n");
            for (String input : doc.inputs()) {
                html.append("<li>").append(escape(input)).append("</li>\n");
            }
            html.append("</ul>\n");
        }
        for (ReportTable table : doc.tables()) {
            html.append("<h2>").append(escape(table.title())).append("</h2>\n");
            html.append("<table>\n<thead><tr>");
            for (String column : table.header()) {
                html.append("<th>").append(escape(column)).append("</th>");
            }
            html.append("</tr></thead>\n<tbody>\n");
            for (List<String> row : table.rows()) {
                html.append("<tr>");
                for (String cell : row) {
                    html.append("<td>").append(escape(cell)).append("</td>");
                }
                html.append("</tr>\n");
            }
            html.append("</tbody>\n</table>\n");
            if (!table.note().isEmpty()) {
                html.append("<p class=\"note\">").append(escape(table.note())).append("</p>\n");
            }
        }
        if (!doc.figures().isEmpty()) {
            html.append("<h2>Charts</h2>\n");
            for (ReportDocument.Figure figure : doc.figures()) {
                html.append("<h3>")
                        .append(escape(figure.title()))
                        .append("</h3>\n")
                        .append("<figure>\n<img src=\"")
                        .append(escape(figure.file()))
                        .append("\" alt=\"")
                        .append(escape(figure.title()))
                        .append("\" width=\"")
                        .append(Charts.WIDTH)
                        .append("\" height=\"")
                        .append(Charts.HEIGHT)
                        .append("\">\n")
                        .append("<figcaption>")
                        .append(escape(figure.caption()))
                        .append("</figcaption>\n</figure>\n");
            }
        }
        if (!doc.files().isEmpty()) {
            html.append("<h2>Data</h2>\n<ul>\n");
            for (ReportDocument.DataFile file : doc.files()) {
                html.append("<li><a href=\"")
                        .append(escape(file.file()))
                        .append("\">")
                        .append(escape(file.file()))
                        .append("</a>: ")
                        .append(escape(file.description()))
                        .append("</li>\n");
            }
            html.append("</ul>\n");
        }
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
