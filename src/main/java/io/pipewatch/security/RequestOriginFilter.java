package io.pipewatch.security;

import io.pipewatch.config.PipewatchConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;

/** Puts {@link RequestOrigin} in front of every route, before authentication, so a refused request costs no bcrypt. */
public class RequestOriginFilter {

    static final int PRIORITY = SecurityHandlerPriorities.AUTHENTICATION + 50;

    void register(@Observes Filters filters, HttpGuardConfig config, PipewatchConfig app) {
        List<String> origins = new ArrayList<>(config.allowedOrigins().orElse(List.of()));
        origins.add(app.publicUrl());
        RequestOrigin guard = new RequestOrigin(config.allowedHosts().orElse(List.of()), origins);
        filters.register(context -> check(guard, context), PRIORITY);
    }

    private static void check(RequestOrigin guard, RoutingContext context) {
        HttpServerRequest request = context.request();
        String host = request.getHeader(HttpHeaders.HOST) != null || request.authority() == null
                ? request.getHeader(HttpHeaders.HOST) : request.authority().toString();
        var refusal = guard.check(new RequestOrigin.Request(request.method().name(), request.path(), host,
                request.getHeader(HttpHeaders.ORIGIN), request.getHeader("Sec-Fetch-Site"),
                request.getHeader(HttpHeaders.CONTENT_TYPE)));
        if (refusal.isEmpty()) {
            context.next();
            return;
        }
        context.response().setStatusCode(refusal.get().status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("error", refusal.get().error()).encode());
    }
}
