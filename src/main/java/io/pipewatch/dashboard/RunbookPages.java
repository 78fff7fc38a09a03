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

/**
 * Serves the runbooks in {@code pipewatch.runbooks-dir} ({@code docs/runbooks/<name>.md}) at
 * {@code /runbooks/<name>}, so the runbook links in Slack and on dashboards open without a wiki.
 */
@Path("/runbooks")
@Produces(MediaType.TEXT_HTML)
public class RunbookPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance runbook(String name, String html);
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
            return Templates.runbook(name, RunbookMarkdown.html(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
