package io.pipewatch.silence;

import io.pipewatch.alert.TextLimit;
import io.pipewatch.config.Wall;
import io.quarkus.security.identity.SecurityIdentity;
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

    /**
     * The request: {@code duration} ("2h", "30m", or ISO-8601 "PT2H") or {@code endsAt}; {@code startsAt} defaults
     * to now. Who silences is the login, not a field: a {@code createdBy} in the body is ignored.
     */
    public record NewSilence(List<String> matchers, String duration, Instant startsAt, Instant endsAt, String comment) {
    }

    static final int MAX_DURATION_LENGTH = 32;
    static final int MAX_ID_LENGTH = 64;

    private final Silences silences;
    private final Clock clock;
    private final SecurityIdentity identity;

    public SilenceResource(Silences silences, @Wall Clock clock, SecurityIdentity identity) {
        this.silences = silences;
        this.clock = clock;
        this.identity = identity;
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
            return problem("send a JSON body: {\"matchers\": [\"alarm=…\"], \"duration\": \"2h\", \"comment\": …}");
        }
        Instant now = clock.instant();
        Instant starts = request.startsAt() == null ? now : request.startsAt();
        try {
            TextLimit.check("duration", request.duration(), MAX_DURATION_LENGTH);
            Instant ends = request.endsAt() != null ? request.endsAt() : starts.plus(duration(request.duration()));
            Silence silence = silences.create(request.matchers(), starts, ends, identity.getPrincipal().getName(),
                    request.comment(), now);
            return Response.status(Response.Status.CREATED).entity(silence).build();
        } catch (IllegalArgumentException e) {
            return problem(e.getMessage());
        }
    }

    @DELETE
    @Path("/{id}")
    public Response expire(@PathParam("id") String id) {
        try {
            TextLimit.check("id", id, MAX_ID_LENGTH);
        } catch (IllegalArgumentException e) {
            return problem(e.getMessage());
        }
        return silences.expire(id, clock.instant(), identity.getPrincipal().getName())
                .map(s -> Response.ok(s).build())
                .orElseThrow(() -> new NotFoundException("no silence " + id));
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
