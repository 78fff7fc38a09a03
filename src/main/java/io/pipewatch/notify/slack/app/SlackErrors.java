package io.pipewatch.notify.slack.app;

import java.util.Map;
import java.util.Set;

/**
 * What Slack's {@code "ok": false} errors mean for a delivery. The Web API answers most failures with HTTP 200 and an
 * {@code error} code, so the HTTP status alone would call them delivered: {@code ratelimited} and Slack's own outages
 * are retried; everything else (a bad token, a channel the app is not in, a message that is gone) retrying cannot fix,
 * and is kept for people to see, with what to do about it.
 */
final class SlackErrors {

    /** Slack's side, or its pacing: worth another attempt. */
    private static final Set<String> RETRYABLE = Set.of("ratelimited", "rate_limited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout", "team_added_to_org");

    private static final Map<String, String> HINTS = Map.of(
            "invalid_auth", "the bot token is wrong or was revoked: check PIPEWATCH_SLACK_BOT_TOKEN",
            "token_revoked", "the bot token was revoked: reinstall the app and set the new PIPEWATCH_SLACK_BOT_TOKEN",
            "account_inactive", "the app was uninstalled or its token deactivated: reinstall it",
            "channel_not_found", "no such channel for this app: check PIPEWATCH_SLACK_CHANNEL (a channel id such as C0123…)",
            "not_in_channel", "the app is not in the channel: /invite the app there",
            "missing_scope", "the app lacks a scope: install it from deploy/slack-app-manifest.yaml (chat:write)",
            "is_archived", "the channel is archived",
            "message_not_found", "the message was deleted");

    private SlackErrors() {
    }

    static boolean retryable(String error) {
        return RETRYABLE.contains(error);
    }

    /** The error with what to do about it, for the log and the index page. */
    static String explained(String error) {
        String hint = HINTS.get(error);
        return hint == null ? error : error + " (" + hint + ")";
    }
}
