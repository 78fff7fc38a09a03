package io.pipewatch.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunbookMarkdownTest {

    @Test
    void rendersHeadingsParagraphsAndListsAndEscapesEverythingElse() {
        var blocks = RunbookPages.Markdown.blocks(List.of(
                "# Title <script>",
                "**Bold** and `code` and *a term*,",
                "continued.",
                "",
                "1. first",
                "   wrapped",
                "2. second",
                "- a & b"));
        assertEquals(List.of(
                new RunbookPages.Markdown.Block("h1", "Title &lt;script&gt;", List.of()),
                new RunbookPages.Markdown.Block("p", "<b>Bold</b> and <code>code</code> and <i>a term</i>, continued.", List.of()),
                new RunbookPages.Markdown.Block("ol", null, List.of("first wrapped", "second")),
                new RunbookPages.Markdown.Block("ul", null, List.of("a &amp; b"))), blocks);
    }
}
