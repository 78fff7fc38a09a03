package io.pipewatch.source.sns;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which {@code SubscribeURL} Pipewatch may fetch to confirm a subscription: an https URL of SNS itself; and, only while
 * signatures are not checked (an emulator), a host listed in {@code pipewatch.sns.confirm-hosts} ({@code host} or
 * {@code host:port}, http or https). What is refused is named by its host only: the URL carries the subscription's
 * token, which must not reach a log.
 */
final class SubscribeUrlPolicy {

    private static final Pattern SNS_HOST = Pattern.compile("sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?");

    private final boolean verifying;
    private final List<String> emulatorHosts;

    SubscribeUrlPolicy(boolean verifying, List<String> emulatorHosts) {
        this.verifying = verifying;
        this.emulatorHosts = List.copyOf(emulatorHosts);
    }

    /** Why the URL may not be fetched; empty when it may. */
    Optional<String> refusal(URI url) {
        if (url == null || url.getHost() == null) {
            return Optional.of("the confirmation has no SubscribeURL with a host");
        }
        String host = url.getHost();
        String hostPort = url.getPort() < 0 ? host : host + ":" + url.getPort();
        if ("https".equals(url.getScheme()) && SNS_HOST.matcher(host).matches()) {
            return Optional.empty();
        }
        boolean emulator = ("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                && (emulatorHosts.contains(host) || emulatorHosts.contains(hostPort));
        if (emulator && !verifying) {
            return Optional.empty();
        }
        return Optional.of("SubscribeURL host '" + hostPort + "' (" + url.getScheme() + ") is not SNS (https://sns.<region>."
                + "amazonaws.com)" + (emulator ? "; pipewatch.sns.confirm-hosts is honoured only with verify-signatures=false"
                : verifying ? "" : "; add it to pipewatch.sns.confirm-hosts to confirm through an emulator"));
    }

    /** True when the URL is an emulator's, not SNS's: confirming through it is logged. */
    boolean emulator(URI url) {
        return url.getHost() != null && !SNS_HOST.matcher(url.getHost()).matches();
    }
}
