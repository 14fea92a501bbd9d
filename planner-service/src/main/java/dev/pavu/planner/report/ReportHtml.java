package dev.pavu.planner.report;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import java.util.List;

/**
 * The job report as a standalone HTML page, rendered from its Markdown with commonmark (GitHub-style tables). The
 * report quotes other people's text (test names, messages, diffs, the task): raw HTML in it is escaped, link targets
 * are sanitised, and the response carries a Content-Security-Policy that allows no script at all.
 */
public final class ReportHtml {

    /** Sent with the page: no scripts, no fetches, no frames; only the page's own inline style. */
    public static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS)
            .escapeHtml(true).sanitizeUrls(true).build();
    private static final String STYLE = """
            body{font:14px/1.45 system-ui,sans-serif;max-width:1100px;margin:1.5rem auto;padding:0 1rem;color:#1d232a}
            table{border-collapse:collapse;margin:.6rem 0}th,td{border:1px solid #d8dee4;padding:.25rem .5rem;text-align:left}
            th{background:#f6f8fa}pre{background:#f6f8fa;padding:.6rem;overflow:auto;border:1px solid #d8dee4}
            code{font-family:ui-monospace,monospace;font-size:.85rem}h1{font-size:1.4rem}h2{font-size:1.1rem;border-bottom:1px solid #d8dee4}
            """;

    private ReportHtml() {
    }

    /**
     * @param markdown the report as {@link ReportRenderer} writes it
     * @param title    the page title (escaped here)
     * @return a complete HTML5 document, UTF-8
     */
    public static String page(String markdown, String title) {
        String body = RENDERER.render(PARSER.parse(markdown));
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title><style>" + STYLE + "</style></head><body>\n" + body + "</body></html>\n";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
