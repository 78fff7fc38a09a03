package io.pipewatch.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Pipewatch's typed configuration; every key can be overridden by its environment variable. */
@ConfigMapping(prefix = "pipewatch")
public interface PipewatchConfig {

    /** {@code PIPEWATCH_MODE}: {@code demo} (simulated pipeline, embedded store) or {@code aws}. */
    @WithDefault("demo")
    Mode mode();

    /** {@code PIPEWATCH_PUBLIC_URL}: base of the links Pipewatch puts in messages. */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /** Directory of alarm definitions ({@code *.yaml}). */
    @WithDefault("alarms")
    Path alarmsDir();

    /** Directory of dashboard definitions ({@code *.yaml}). */
    @WithDefault("dashboards")
    Path dashboardsDir();

    /** Directory of runbooks ({@code <name>.md}) served at {@code /runbooks/<name>}. */
    @WithDefault("docs/runbooks")
    Path runbooksDir();

    /** How often sources are polled and rules evaluated (in the pipeline's clock). */
    @WithDefault("10s")
    Duration pollInterval();

    Store store();

    Slack slack();

    Demo demo();

    Streams streams();

    CloudWatch cloudwatch();

    Discovery discovery();

    Delivery delivery();

    Sns sns();

    /** The route every alert takes when no entry of {@link #routes()} matches it. */
    Route route();

    /**
     * {@code pipewatch.routes[0].match=severity=critical}, {@code pipewatch.routes[0].receiver=pager}, …:
     * routes tried in order before the default one; the first that matches an alert takes it.
     */
    Optional<List<MatchedRoute>> routes();

    /** Named Slack webhooks routes send to, besides the default {@code slack} ({@code pipewatch.slack.webhook-url}). */
    Map<String, Receiver> receivers();

    /** How alerts are grouped into messages (Alertmanager's group_by, group_wait, group_interval, repeat_interval). */
    interface Route {
        /**
         * Labels whose values make a group; {@code incident} (the default) makes one conversation per incident of a
         * pipeline, {@code alarm} gives every alarm a group of its own.
         */
        @WithDefault("incident")
        List<String> groupBy();

        /** How long a new group waits for more alerts before its first message. */
        @WithDefault("30s")
        Duration groupWait();

        /** How long a group waits after a message before it tells of changes (new or resolved alerts). */
        @WithDefault("5m")
        Duration groupInterval();

        /** How long before a group still firing, and not acknowledged, is reminded of. */
        @WithDefault("4h")
        Duration repeatInterval();

        /** The receiver: {@code slack} (or the log, with no webhook) or a name under {@code pipewatch.receivers}. */
        @WithDefault("slack")
        String receiver();
    }

    /** A route of its own: alerts matching every matcher, and grouping that falls back to the default route's. */
    interface MatchedRoute {
        /** Matchers on alert labels: {@code name=value}, {@code name!=value}, {@code name=~regex}, {@code name!~regex}. */
        List<String> match();

        String receiver();

        Optional<List<String>> groupBy();

        Optional<Duration> groupWait();

        Optional<Duration> groupInterval();

        Optional<Duration> repeatInterval();
    }

    /** A Slack incoming webhook, or a Slack app's bot token and channel: one or the other. */
    interface Receiver {
        /** A Slack incoming webhook; a secret, never logged. */
        Optional<String> webhookUrl();

        /** A Slack app's bot token ({@code xoxb-…}); a secret, never logged. */
        Optional<String> botToken();

        /** The channel the app posts to (an id such as {@code C0123ABCD}, or a name); with {@code bot-token}. */
        Optional<String> channel();
    }

    /** Receiving CloudWatch alarm notifications from SNS at {@code POST /webhooks/sns}. */
    interface Sns {
        /**
         * {@code PIPEWATCH_SNS_TOPIC_ARNS}: topics (comma-separated) whose messages are accepted and whose
         * subscriptions are confirmed. Unset, every SNS message is refused, and alarms with
         * {@code evaluated_by: cloudwatch} are evaluated by Pipewatch itself.
         */
        Optional<List<String>> topicArns();

        /**
         * Off only for emulators that sign with fake keys: messages are then accepted unsigned. Logged as an
         * error at start and counted on every message, so it is never off unnoticed.
         */
        @WithDefault("true")
        boolean verifySignatures();

        /**
         * {@code PIPEWATCH_SNS_CONFIRM_HOSTS}: an emulator's hosts ({@code localhost:4566}) whose SubscribeURL may be
         * fetched to confirm a subscription. Honoured only with {@code verify-signatures=false}; logged when used.
         */
        Optional<List<String>> confirmHosts();

        /** Older messages are refused as replays (SNS retries an endpoint for minutes, not hours, by default). */
        @WithDefault("1h")
        Duration maxMessageAge();

        /** The name prefix {@code alarms apply} deployed with: maps a CloudWatch alarm back to its definition. */
        @WithDefault("pipewatch-")
        String alarmPrefix();
    }

    /** Delivering notifications through the outbox. */
    interface Delivery {
        /** Least time between two messages to one receiver (Slack allows about one a second per webhook). */
        @WithDefault("1s")
        Duration minInterval();

        /** The DynamoDB table of notifications waiting for delivery. */
        @WithDefault("pipewatch-outbox")
        String outboxTable();

        /** The DynamoDB table of alert states, notification log, silences and SNS message ids. */
        @WithDefault("pipewatch-state")
        String stateTable();
    }

    /** Resolving {@code name_prefix:} stages of dashboards (ListMetrics in aws mode). */
    interface Discovery {
        /** How often prefixes are resolved again, so new resources appear without a restart. */
        @WithDefault("10m")
        Duration refresh();
    }

    /** Polling CloudWatch in aws mode. */
    interface CloudWatch {
        /** The period metrics are read at; alarms with this period need no roll-up. */
        @WithDefault("60s")
        Duration period();

        /** AWS metrics arrive 1–3 minutes late: read windows end this long ago. */
        @WithDefault("2m")
        Duration delay();

        /** Each poll reads this far back again, so late datapoints fill in. */
        @WithDefault("5m")
        Duration reread();

        /** A budget for GetMetricData calls; CloudWatch allows 50 a second per account and region. */
        @WithDefault("5")
        int maxCallsPerSecond();

        /** An endpoint instead of the SDK's (emulators, VPC endpoints); AWS_ENDPOINT_URL(_CLOUDWATCH) work too. */
        Optional<java.net.URI> endpoint();
    }

    enum Mode {
        DEMO, AWS
    }

    interface Store {
        /**
         * {@code PIPEWATCH_STORE_PATH}: the directory where the embedded store (demo mode) keeps its data, so
         * undelivered notifications, alert states and stream checkpoints survive a restart or a kill, as
         * Alertmanager's {@code data/} does; relative to the working directory. {@code memory} keeps it in
         * memory for a throwaway run.
         */
        @WithDefault("data")
        Path path();

        /** Datapoints kept per series (16 bytes each): 2,160 = 6 h of 10-second points. */
        @WithDefault("2160")
        int pointsPerSeries();
    }

    interface Slack {
        /** {@code PIPEWATCH_SLACK_WEBHOOK_URL}: a Slack incoming webhook; a secret, never logged. */
        Optional<String> webhookUrl();

        /**
         * {@code PIPEWATCH_SLACK_BOT_TOKEN}: the Slack app's bot token ({@code xoxb-…}), instead of a webhook: one message
         * per incident, edited as it goes, with buttons that act. A secret, never logged.
         */
        Optional<String> botToken();

        /** {@code PIPEWATCH_SLACK_CHANNEL}: where the app posts (a channel id such as {@code C0123ABCD}, or a name). */
        Optional<String> channel();

        /** {@code PIPEWATCH_SLACK_API_URL}: the Web API's root (a stand-in's in tests). */
        @WithDefault("https://slack.com/api/")
        String apiUrl();

        /**
         * {@code PIPEWATCH_SLACK_SIGNING_SECRET}: the app's signing secret, which proves a button press came from Slack
         * ({@code POST /webhooks/slack/interactions}). Unset, every press is refused. A secret, never logged.
         */
        Optional<String> signingSecret();

        /**
         * {@code PIPEWATCH_SLACK_RESPONDERS}: the Slack users ({@code U…}, {@code W…}) and user groups ({@code S…}) whose
         * button presses act; unset, everyone in the channel may. Groups are read with {@code usergroups:read}.
         */
        Optional<List<String>> responders();

        @WithDefault("10s")
        Duration timeout();
    }

    interface Streams {
        /** Tables whose DynamoDB Stream Pipewatch tails; in demo mode, the demo's table when unset. */
        Optional<List<String>> tables();

        /**
         * Attribute of the new image holding the record's own time (epoch seconds or milliseconds, or
         * ISO-8601); when unset or absent from a record, the stream's ApproximateCreationDateTime.
         * In demo mode, the demo table's {@code bucketTime} when unset.
         */
        Optional<String> timestampAttribute();

        /** A record this far behind now means the pipeline is falling behind. */
        @WithDefault("10m")
        Duration saturationThreshold();

        /** Least time between two GetRecords calls on a shard that is caught up. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Least time between two GetRecords calls on a shard that is behind (a full batch came back). */
        @WithDefault("500ms")
        Duration catchUpInterval();

        /** Longest wait between GetRecords calls on an idle shard (the wait doubles while idle). */
        @WithDefault("10s")
        Duration idleBackoff();

        /** Where a first start reads a shard from: LATEST (only what comes next) or TRIM_HORIZON (the last 24 h). */
        @WithDefault("LATEST")
        InitialPosition initialPosition();

        /** How often the stream's shards are described again, to find new ones. */
        @WithDefault("60s")
        Duration shardRefresh();

        Publish publish();

        /** Publishing the saturation series to CloudWatch, as the source system's custom Lambda did. */
        interface Publish {
            /** Off by default: CloudWatch bills custom metrics, and Pipewatch alarms on them itself. */
            @WithDefault("false")
            boolean enabled();

            @WithDefault("Pipewatch/Streams")
            String namespace();

            /** How often completed periods are sent, in batched PutMetricData calls. */
            @WithDefault("60s")
            Duration interval();
        }
    }

    enum InitialPosition {
        LATEST, TRIM_HORIZON
    }

    interface Demo {
        /** How many times faster than the wall clock the demo pipeline runs (tests speed it up). */
        @WithDefault("1")
        double speed();

        /** One simulated day of traffic is compressed into this long. */
        @WithDefault("30m")
        Duration dayLength();

        /** History simulated before start so charts are full on the first page view. */
        @WithDefault("15m")
        Duration history();

        /** Seed of the simulation's randomness, so runs are repeatable. */
        @WithDefault("42")
        long seed();

        /** DynamoDB table the demo aggregates impressions into (with a stream). */
        @WithDefault("demo-impressions")
        String table();
    }
}
