package io.pipewatch.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a runbook's Markdown becomes: CommonMark, GitHub tables and bare links, and never live HTML or script. */
class RunbookMarkdownTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "# Title <script>                 | <h1>Title &lt;script&gt;</h1>",
            "**Bold** and `code` and *a term* | <p><strong>Bold</strong> and <code>code</code> and <em>a term</em></p>",
            "\"1. first\n   wrapped\n2. second\" | \"<ol>\n<li>first\nwrapped</li>\n<li>second</li>\n</ol>\"",
            "- a & b                          | \"<ul>\n<li>a &amp; b</li>\n</ul>\"",
            "<img src=x onerror=alert(1)>     | <p>&lt;img src=x onerror=alert(1)&gt;</p>",
            "[run](javascript:alert(1))       | <p><a rel=\"nofollow\" href=\"\">run</a></p>",
            "see https://console.aws.amazon.com/ | <p>see <a rel=\"nofollow\" href=\"https://console.aws.amazon.com/\">https://console.aws.amazon.com/</a></p>",
            "\"| shard | lag |\n|---|---|\n| 1 | 5 s |\" | \"<table>\n<thead>\n<tr>\n<th>shard</th>\n<th>lag</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>5 s</td>\n</tr>\n</tbody>\n</table>\""})
    void renders(String markdown, String html) {
        assertEquals(html, RunbookMarkdown.html(markdown.replace("\\n", "\n")).strip());
    }
}
