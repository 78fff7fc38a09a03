package io.pipewatch.silence;

import io.pipewatch.config.Wall;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/silences}: create a silence ({@code POST}, with matchers, a duration or an end, who and why),
 * list them ({@code GET}, {@code ?all=true} with ended ones), end one early ({@code DELETE /{id}}).
 */
@Path("/api/silences")
@Produces(MediaType.APPLICATION_JSON)
public class SilenceResource {

    /** The request: {@code duration} ("2h", "30m", or ISO-8601 "PT2H") or {@code endsAt}; {@code startsAt} defaults to now. */
    public record NewSilence(List<String> matchers, String duration, Instant startsAt, Instant endsAt, String createdBy,
            String comment) {
    }

    private final Silences silences;
    private final Clock clock;

    public SilenceResource(Silences silences, @Wall Clock clock) {
        this.silences = silences;
        this.clock = clock;
    }

    @GET
    public List<Silence> list(@QueryParam("all") boolean all) {
        Instant now = clock.instant();
        return silences.all().stream().filter(s -> all || s.endsAt().isAfter(now)).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewSilence request) {
        if (request == null) {
            return problem("send a JSON body: {\"matchers\": [\"alarm=…\"], \"duration\": \"2h\", \"createdBy\": …, \"comment\": …}");
        }
        Instant now = clock.instant();
        Instant starts = request.startsAt() == null ? now : request.startsAt();
        try {
            Instant ends = request.endsAt() != null ? request.endsAt() : starts.plus(duration(request.duration()));
            Silence silence = silences.create(request.matchers(), starts, ends, request.createdBy(), request.comment(), now);
            return Response.status(Response.Status.CREATED).entity(silence).build();
        } catch (IllegalArgumentException e) {
            return problem(e.getMessage());
        }
    }

    @DELETE
    @Path("/{id}")
    public Silence expire(@PathParam("id") String id) {
        return silences.expire(id, clock.instant()).orElseThrow(() -> new NotFoundException("no silence " + id));
    }

    /** "2h", "90m", "1d" or ISO-8601; @throws IllegalArgumentException naming the field */
    static Duration duration(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("duration: give one (such as 2h) or endsAt");
        }
        String t = text.strip();
        try {
            if (t.matches("\\d+[smhd]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                return switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            return Duration.parse(t);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("duration: '" + t + "' is not a duration such as 30m, 2h or PT2H");
        }
    }

    private static Response problem(String message) {
        return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", message)).build();
    }
}
