package io.pipewatch.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipewatch.testing.ReplicaCluster;
import io.pipewatch.testing.ReplicaCluster.Replica;
import io.pipewatch.testing.SnsMessages;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar as replicas ({@link ReplicaCluster}: store-server, CloudWatch and Slack stand-ins, alarms over SNS).
 * One replica leads: it alone polls CloudWatch and sends; the follower serves the same pages and holds SNS messages for
 * it. The leader is killed (SIGKILL) and the follower leads within 30 s, sending what follows once and nothing twice; a
 * leader paused past its lease (SIGSTOP) and woken sends nothing and exits.
 */
class ReplicasProcessIT {

    private ReplicaCluster cluster;

    @BeforeEach
    void start() throws Exception {
        // A short lease keeps the test short; the group wait leaves a paused leader something it could still send.
        cluster = new ReplicaCluster(Duration.ofSeconds(6), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    @Test
    void theFollowerServesTheLeadersDataTakesOverWithin30sOfAKillAndNothingIsSentTwice() throws Exception {
        Replica one = cluster.startLeader("REPLICAONE");
        Replica two = cluster.startFollower("REPLICATWO", one);
        assertEquals("recorded", cluster.postAlarm(one, "replicas-before").body().strip());
        cluster.await("the incident in progress reaches Slack", () -> cluster.mentions("replicas-before") >= 1);
        cluster.await("the leader polls CloudWatch", () -> cluster.callsBy("REPLICAONE") > 0);

        // The follower serves the leader's data, as itself.
        JsonNode status = cluster.status(two);
        assertEquals("REPLICATWO", status.path("replica").path("id").asText(), status.toString());
        assertTrue(!status.path("replica").path("leader").asBoolean(), status.toString());
        assertTrue(status.path("sources").size() > 0 && status.path("sources").get(0).path("lastSuccess").isTextual(),
                "the sources the leader polls: " + status);
        assertEquals("FIRING", cluster.get(two, "/api/alerts/" + SnsMessages.alertId("replicas-before")).path("state").asText());
        assertEquals(200, cluster.code(two, "/q/health/ready"), "a follower is ready");

        // SNS to the follower: held for the leader, acted on once.
        assertEquals("held for the leader", cluster.postAlarm(two, "replicas-held").body().strip());
        cluster.await("the alarm sent to the follower reaches Slack", () -> cluster.mentions("replicas-held") >= 1);
        assertEquals(0, cluster.callsBy("REPLICATWO"), "the follower polls nothing");

        // A silence made on the follower is the leader's.
        var silence = cluster.postJson(two, "/api/silences",
                "{\"matchers\":[\"alarm=replicas-silenced\"],\"duration\":\"2h\",\"comment\":\"made on a follower\"}");
        assertTrue(silence.statusCode() / 100 == 2, silence.statusCode() + " " + silence.body());
        assertTrue(cluster.get(one, "/api/silences").toString().contains("made on a follower"), "the leader has it");

        // The leader dies.
        long killed = System.nanoTime();
        cluster.kill(one);
        int callsAtKill = cluster.callsBy("REPLICAONE");
        cluster.await("replica two takes over", () -> cluster.leads(two));
        long takeover = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        assertTrue(takeover < 30_000, "took over in " + takeover + " ms");
        assertEquals("FIRING", cluster.get(two, "/api/alerts/" + SnsMessages.alertId("replicas-before")).path("state").asText(),
                "the new leader restored the alerts");
        assertEquals("recorded", cluster.postAlarm(two, "replicas-after").body().strip());
        cluster.await("an alarm after the takeover reaches Slack", () -> cluster.mentions("replicas-after") >= 1);
        cluster.await("the new leader polls", () -> cluster.callsBy("REPLICATWO") > 0);

        assertEquals(callsAtKill, cluster.callsBy("REPLICAONE"), "nothing from the dead leader");
        assertEquals(1, cluster.mentions("replicas-before"), "announced by the first leader only: " + cluster.slackMessages());
        assertEquals(1, cluster.mentions("replicas-held"), cluster.slackMessages().toString());
        assertEquals(1, cluster.mentions("replicas-after"), cluster.slackMessages().toString());
    }

    @Test
    void aLeaderPausedPastItsLeaseSendsNothingWhenItWakesAndExits() throws Exception {
        Replica one = cluster.startLeader("PAUSEDONE");
        Replica two = cluster.startFollower("PAUSEDTWO", one);
        // Recorded by the leader, which is paused before its group wait (2 s) lets it send the message.
        assertEquals("recorded", cluster.postAlarm(one, "replicas-paused").body().strip());
        cluster.signal(one, "STOP");
        cluster.await("replica two takes over from the paused one", () -> cluster.leads(two));
        cluster.await("the new leader sends what the paused one had not", () -> cluster.mentions("replicas-paused") >= 1);
        int slackBeforeWaking = cluster.slackMessages().size();

        cluster.signal(one, "CONT");
        assertTrue(one.process().waitFor(30, TimeUnit.SECONDS), "the woken replica learns it was deposed and exits");
        assertEquals(3, one.process().exitValue(), "the status of a lost lease");
        String log = Files.readString(one.log());
        assertTrue(log.contains("no longer leads"), log);
        assertEquals(slackBeforeWaking, cluster.slackMessages().size(), "nothing sent by the woken replica: " + cluster.slackMessages());
        assertEquals(1, cluster.mentions("replicas-paused"));
    }
}
