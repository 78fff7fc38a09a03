package io.pipewatch.security;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** {@code pipewatch.http.*}: which hosts and origins may talk to Pipewatch at all. */
@ConfigMapping(prefix = "pipewatch.http")
public interface HttpGuardConfig {

    /**
     * {@code PIPEWATCH_HTTP_ALLOWED_HOSTS}: the names Pipewatch answers to ({@code Host} header, port
     * optional). Set it when Pipewatch is reachable from a browser, so a DNS-rebinding page cannot
     * read or change it. Unset, any host.
     */
    Optional<List<String>> allowedHosts();

    /**
     * {@code PIPEWATCH_HTTP_ALLOWED_ORIGINS}: origins besides Pipewatch's own ({@code pipewatch.public-url} and
     * the request's host) whose pages may change state, e.g. {@code https://ops.example.com}.
     */
    Optional<List<String>> allowedOrigins();
}
