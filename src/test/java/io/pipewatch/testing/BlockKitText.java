package io.pipewatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Block Kit as a reader sees it, in plain text: headers, sections and their fields, context lines and buttons, with
 * Slack's date tokens shown as their fallback and links as their text, and an attachment's colour named. For golden
 * files and the README, so what they show is what the code sends.
 */
public final class BlockKitText {

    private BlockKitText() {
    }

    /** A whole message: {@code blocks}, or {@code attachments} holding blocks. */
    public static String of(JsonNode message) {
        List<String> lines = new ArrayList<>();
        for (JsonNode attachment : message.path("attachments")) {
            lines.add("▌" + colour(attachment.path("color").asText()));
            blocks(attachment.path("blocks"), lines);
        }
        blocks(message.path("blocks"), lines);
        return String.join("\n", lines);
    }

    private static void blocks(JsonNode blocks, List<String> lines) {
        for (JsonNode block : blocks) {
            switch (block.path("type").asText()) {
                case "header" -> lines.add(text(block.path("text")));
                case "section" -> {
                    if (block.has("text")) {
                        lines.add(text(block.path("text")));
                    }
                    List<String> fields = new ArrayList<>();
                    block.path("fields").forEach(f -> fields.add(text(f).replace("\n", ": ")));
                    if (!fields.isEmpty()) {
                        lines.add(String.join("   ", fields));
                    }
                }
                case "context" -> {
                    List<String> parts = new ArrayList<>();
                    block.path("elements").forEach(e -> parts.add(text(e)));
                    lines.add(String.join(" ", parts));
                }
                case "actions" -> {
                    List<String> buttons = new ArrayList<>();
                    block.path("elements").forEach(b -> buttons.add("[" + text(b.path("text")) + "]"));
                    lines.add(String.join(" ", buttons));
                }
                default -> lines.add("(" + block.path("type").asText() + ")");
            }
        }
    }

    /** mrkdwn as shown: dates by their fallback, links by their text, entities decoded, bold marks dropped. */
    public static String text(JsonNode element) {
        String text = element.isTextual() ? element.asText() : element.path("text").asText();
        return text.replaceAll("<!date\\^\\d+\\^[^|>]*\\|([^>]*)>", "$1").replaceAll("<[^|>]+\\|([^>]*)>", "$1")
                .replace("*", "").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static String colour(String hex) {
        return switch (hex) {
            case "#E01E5A" -> "red";
            case "#ECB22E" -> "amber";
            case "#2EB67D" -> "green";
            case "#868686" -> "grey";
            default -> hex;
        };
    }
}
