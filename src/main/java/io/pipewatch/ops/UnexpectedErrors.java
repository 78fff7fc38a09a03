package io.pipewatch.ops;

import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * An unexpected failure answers 500 with an error id only; the detail goes to the log under that
 * id. Pages and API answers never show stack traces or exception messages.
 */
public class UnexpectedErrors {

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (e instanceof WebApplicationException web) {
            return web.getResponse();
        }
        String id = UUID.randomUUID().toString();
        Log.errorf(e, "Request failed, error id %s", id);
        return Response.serverError().type(MediaType.TEXT_PLAIN)
                .entity("Pipewatch hit an internal error (id " + id + "); the details are in its log.\n").build();
    }
}
