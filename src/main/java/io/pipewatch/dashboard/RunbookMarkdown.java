package io.pipewatch.dashboard;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Turns a runbook's Markdown into HTML with CommonMark (plus GitHub tables and bare links), the dialect
 * runbooks are written in on GitHub and wikis. Raw HTML in a runbook is shown as text and
 * {@code javascript:} links are dropped: a runbook file is text, never script on Pipewatch's origin.
 */
final class RunbookMarkdown {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), AutolinkExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS)
            .escapeHtml(true).sanitizeUrls(true).build();

    private RunbookMarkdown() {
    }

    static String html(String markdown) {
        return RENDERER.render(PARSER.parse(markdown));
    }
}
