package dev.pavu.planner.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportHtmlTest {

    @Test
    void markupAndScriptLinksFromAJobAreEscapedNeverRendered() {
        String md = """
                # Pavu job report `x`

                | test | message |
                |---|---|
                | `T#a` | <img src=x onerror=alert(1)> |

                <script>alert(2)</script>

                [click](javascript:alert(3))
                """;
        String html = ReportHtml.page(md, "job <x>");
        assertTrue(html.contains("<title>job &lt;x&gt;</title>"), html);
        assertTrue(html.contains("<td>&lt;img src=x onerror=alert(1)&gt;</td>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(2)&lt;/script&gt;"), html);
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("javascript:"), html);
        assertTrue(html.contains("<th>test</th>"), "GitHub tables are rendered: " + html);
    }
}
