package io.pipewatch.dashboard;

import io.pipewatch.config.PipewatchConfig;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Serves the runbooks in {@code pipewatch.runbooks-dir} ({@code docs/runbooks/<name>.md}) at
 * {@code /runbooks/<name>}, so the runbook links in Slack and on dashboards open without a wiki.
 */
@Path("/runbooks")
@Produces(MediaType.TEXT_HTML)
public class RunbookPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance runbook(String name, List<Markdown.Block> blocks);
    }

    private final PipewatchConfig config;

    public RunbookPages(PipewatchConfig config) {
        this.config = config;
    }

    @GET
    @Path("/{name}")
    public TemplateInstance runbook(@PathParam("name") String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new NotFoundException();
        }
        var file = config.runbooksDir().resolve(name + ".md");
        if (!Files.isRegularFile(file)) {
            throw new NotFoundException("no runbook " + name);
        }
        try {
            return Templates.runbook(name, Markdown.blocks(Files.readAllLines(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Just enough Markdown for runbooks: headings, paragraphs, lists; everything else is text. */
    static final class Markdown {

        /** {@code html} and {@code items} are escaped, with only bold and code marked up. */
        public record Block(String kind, String html, List<String> items) {
        }

        static String inline(String text) {
            String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
            return escaped.replaceAll("\\*\\*(.+?)\\*\\*", "<b>$1</b>").replaceAll("(?<![*\\w])\\*([^*]+)\\*(?![*\\w])", "<i>$1</i>")
                    .replaceAll("`([^`]+)`", "<code>$1</code>");
        }

        static List<Block> blocks(List<String> lines) {
            List<Block> out = new ArrayList<>();
            List<String> items = new ArrayList<>();
            StringBuilder paragraph = new StringBuilder();
            String listKind = null;
            for (String raw : lines) {
                String line = raw.strip();
                boolean bullet = line.startsWith("- ");
                boolean numbered = line.matches("\\d+\\. .*");
                boolean continuation = !line.isEmpty() && raw.startsWith("  ") && listKind != null;
                if (continuation) {
                    items.set(items.size() - 1, items.get(items.size() - 1) + " " + line);
                    continue;
                }
                String kind = bullet ? "ul" : numbered ? "ol" : null;
                if (listKind != null && !listKind.equals(kind)) {
                    out.add(new Block(listKind, null, items.stream().map(Markdown::inline).toList()));
                    items.clear();
                    listKind = null;
                }
                if (line.isEmpty() || line.startsWith("#") || bullet || numbered) {
                    if (paragraph.length() > 0) {
                        out.add(new Block("p", inline(paragraph.toString()), List.of()));
                        paragraph.setLength(0);
                    }
                }
                if (line.startsWith("#")) {
                    int level = Math.min(3, line.indexOf(' ') < 0 ? 1 : line.indexOf(' '));
                    out.add(new Block("h" + level, inline(line.substring(level).strip()), List.of()));
                } else if (bullet || numbered) {
                    listKind = kind;
                    items.add(line.substring(line.indexOf(' ') + 1));
                } else if (!line.isEmpty()) {
                    paragraph.append(paragraph.length() > 0 ? " " : "").append(line);
                }
            }
            if (listKind != null) {
                out.add(new Block(listKind, null, items.stream().map(Markdown::inline).toList()));
            }
            if (paragraph.length() > 0) {
                out.add(new Block("p", inline(paragraph.toString()), List.of()));
            }
            return out;
        }
    }
}
