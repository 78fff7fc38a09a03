package io.pipewatch.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestOriginTest {

    private final RequestOrigin guard = new RequestOrigin(List.of("pipewatch.example.com", "localhost"),
            List.of("https://ops.example.com", "http://localhost:8080"));

    @ParameterizedTest(name = "{0} {1} host={2} origin={3} site={4} type={5} → {6}")
    @CsvSource(nullValues = "-", value = {
            // reads pass whatever their origin, as long as the host is ours
            "GET,    /,                   localhost:8080,        https://evil.example,  cross-site,  -,                pass",
            "GET,    /,                   evil.example,          -,                     -,           -,                403 Host",
            "GET,    /api/alerts,         -,                     -,                     -,           -,                403 Host",
            "GET,    /,                   PIPEWATCH.example.com, -,                     -,           -,                pass",
            // changes: JSON from our own page, or from a client that is not a browser
            "POST,   /api/silences,       localhost:8080,        http://localhost:8080, same-origin, application/json, pass",
            "POST,   /api/silences,       localhost:8080,        -,                     -,           application/json; charset=utf-8, pass",
            "DELETE, /api/silences/x,     localhost:8080,        http://localhost:8080, same-origin, application/json, pass",
            "POST,   /api/silences,       pipewatch.example.com, https://pipewatch.example.com, same-origin, application/json, pass",
            "POST,   /api/silences,       pipewatch.example.com:443, https://pipewatch.example.com, -,   application/json, pass",
            "POST,   /api/silences,       localhost:9999,        https://ops.example.com, -,          application/json, pass",
            // the attacks
            "POST,   /api/silences,       localhost:8080,        https://evil.example,  cross-site,  -,                403 Sec-Fetch-Site",
            "POST,   /api/silences,       localhost:8080,        http://localhost:9999, same-site,   application/json, 403 Sec-Fetch-Site",
            "POST,   /api/silences,       localhost:8080,        https://evil.example,  -,           application/json, 403 Origin",
            "POST,   /api/silences,       localhost:8080,        null,                  -,           application/json, 403 Origin",
            "POST,   /api/silences,       localhost:8080,        http://localhost:8080, same-origin, -,                415 Content-Type",
            "POST,   /api/silences,       localhost:8080,        http://localhost:8080, same-origin, text/plain,       415 Content-Type",
            "POST,   /api/silences,       localhost:8080,        -,                     -,           application/x-www-form-urlencoded, 415 Content-Type",
            "DELETE, /api/silences/x,     localhost:8080,        -,                     -,           -,                415 Content-Type",
            "PATCH,  /api/alerts/x/ack,   localhost:8080,        -,                     -,           multipart/form-data, 415 Content-Type",
            // SNS is authenticated by its signature and posts text/plain from AWS
            "POST,   /webhooks/sns,       localhost:8080,        -,                     -,           text/plain,       pass",
            "POST,   /webhooks/sns,       evil.example,          -,                     -,           text/plain,       403 Host"})
    void decides(String method, String path, String host, String origin, String site, String type, String expected) {
        var verdict = guard.check(new RequestOrigin.Request(method, path, host, origin, site, type));
        String actual = verdict.map(r -> r.status() + " " + r.error().split(":", 2)[0]).orElse("pass");
        assertEquals(expected, actual, verdict.map(RequestOrigin.Refusal::error).orElse(""));
    }

    @ParameterizedTest
    @CsvSource({"localhost:8080, http://localhost:8080", "example.com, https://example.com", "example.com, http://Example.com:80",
            "example.com:8443, https://example.com:8443"})
    void anOriginIsItsHostAndAnyPortThatIsNotTheDefault(String expected, String origin) {
        assertEquals(expected, RequestOrigin.authorityOf(origin).orElseThrow());
    }

    @org.junit.jupiter.api.Test
    void withoutAnAllowListAnyHostIsServed() {
        var open = new RequestOrigin(List.of(), List.of());
        assertEquals(java.util.Optional.empty(), open.check(new RequestOrigin.Request("GET", "/", "anything", null, null, null)));
    }
}
