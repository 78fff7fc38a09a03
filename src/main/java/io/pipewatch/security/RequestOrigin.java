package io.pipewatch.security;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a request may go on before anyone is authenticated: its {@code Host} must be one
 * Pipewatch answers to (against DNS rebinding), and a state change must come from Pipewatch's own
 * pages or a non-browser client, as JSON. A page of another origin can still make a browser send a
 * "simple" POST with the user's credentials ({@code fetch(url, {mode: 'no-cors'})}, a form); it cannot
 * make it say {@code Content-Type: application/json} without a CORS preflight, which Pipewatch never
 * grants, nor forge {@code Origin} or {@code Sec-Fetch-Site}.
 */
public final class RequestOrigin {

    /** A request refused, with the status and the one line that says why. */
    public record Refusal(int status, String error) {
    }

    /** What the guard reads of a request. */
    public record Request(String method, String path, String host, String origin, String fetchSite, String contentType) {
    }

    private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** SNS posts {@code text/plain} from AWS, Slack a form; each is authenticated by its signature, not a session. */
    private static final Set<String> SIGNED_WEBHOOKS = Set.of("/webhooks/sns", "/webhooks/slack/interactions");

    private final List<String> allowedHosts;
    private final List<String> allowedOrigins;

    public RequestOrigin(List<String> allowedHosts, List<String> allowedOrigins) {
        this.allowedHosts = allowedHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
        this.allowedOrigins = allowedOrigins.stream().map(RequestOrigin::authorityOf).flatMap(Optional::stream).toList();
    }

    public Optional<Refusal> check(Request request) {
        if (!allowedHosts.isEmpty() && !hostAllowed(request.host())) {
            return Optional.of(new Refusal(403, "Host: '" + shorten(request.host())
                    + "' is not a name this Pipewatch answers to (pipewatch.http.allowed-hosts)"));
        }
        if (!CHANGES.contains(request.method()) || SIGNED_WEBHOOKS.contains(request.path())) {
            return Optional.empty();
        }
        String site = request.fetchSite();
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            return Optional.of(new Refusal(403, "Sec-Fetch-Site: a change from another site is refused; use Pipewatch's own page or an API client"));
        }
        if (request.origin() != null && !originAllowed(request.origin(), request.host())) {
            return Optional.of(new Refusal(403, "Origin: changes from '" + shorten(request.origin())
                    + "' are refused; add it to pipewatch.http.allowed-origins if it is yours"));
        }
        String type = request.contentType() == null ? "" : request.contentType().split(";", 2)[0].strip();
        if (!type.equalsIgnoreCase("application/json")) {
            return Optional.of(new Refusal(415, "Content-Type: send application/json"
                    + (type.isEmpty() ? "" : " (not " + shorten(type) + ")")));
        }
        return Optional.empty();
    }

    private boolean hostAllowed(String host) {
        if (host == null) {
            return false;
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        String bare = withoutPort(h);
        return allowedHosts.stream().anyMatch(a -> a.equals(h) || a.equals(bare));
    }

    private boolean originAllowed(String origin, String host) {
        Optional<String> authority = authorityOf(origin);
        if (authority.isEmpty()) {
            return false;
        }
        return host != null && authority.get().equals(withoutDefaultPort(host.strip().toLowerCase(Locale.ROOT)))
                || allowedOrigins.contains(authority.get());
    }

    /** {@code https://Example.com:443} → {@code example.com}: the origin's host and port, default port dropped. */
    static Optional<String> authorityOf(String origin) {
        try {
            URI uri = new URI(origin.strip());
            if (uri.getHost() == null || uri.getScheme() == null) {
                return Optional.empty();
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || port == 80 && uri.getScheme().equalsIgnoreCase("http")
                    || port == 443 && uri.getScheme().equalsIgnoreCase("https");
            return Optional.of(defaultPort ? host : host + ":" + port);
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static String withoutDefaultPort(String host) {
        return host.endsWith(":80") || host.endsWith(":443") ? withoutPort(host) : host;
    }

    private static String withoutPort(String host) {
        int colon = host.lastIndexOf(':');
        return colon > host.lastIndexOf(']') && colon >= 0 ? host.substring(0, colon) : host;
    }

    private static String shorten(String text) {
        return PlainText.of(text, 100);
    }
}
