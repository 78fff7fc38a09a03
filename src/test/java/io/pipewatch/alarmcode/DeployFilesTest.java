package io.pipewatch.alarmcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/** The files in deploy/ agree with the code: the apply policy covers what apply calls, and only the owned prefix. */
class DeployFilesTest {

    @Test
    void theApplyPolicyAllowsExactlyWhatApplyCallsOnOwnedAlarms() throws IOException {
        JsonNode policy = new ObjectMapper().readTree(Files.readString(Path.of("deploy/iam-alarms-apply-policy.json")));
        Set<String> actions = new HashSet<>();
        for (JsonNode statement : policy.get("Statement")) {
            JsonNode a = statement.get("Action");
            if (a.isArray()) {
                a.forEach(x -> actions.add(x.asText()));
            } else {
                actions.add(a.asText());
            }
            if (!statement.get("Action").toString().contains("DescribeAlarms")) {
                assertEquals("arn:aws:cloudwatch:*:*:alarm:" + new DeployOptionsDefaults().prefix + "*",
                        statement.get("Resource").asText(), "writes only on the owned prefix");
            }
        }
        assertEquals(Set.of("cloudwatch:DescribeAlarms", "cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms",
                "cloudwatch:TagResource"), actions);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSnsTemplateSubscribesTheReceiverPath() throws IOException {
        var constructor = new CloudFormationTags();
        Map<String, Object> template = new Yaml(constructor).load(Files.readString(Path.of("deploy/sns-topic.yaml")));
        var resources = (Map<String, Map<String, Object>>) template.get("Resources");
        var subscription = (Map<String, Object>) resources.get("PipewatchSubscription").get("Properties");
        assertEquals("https", subscription.get("Protocol"));
        assertEquals("!Sub ${PipewatchUrl}/webhooks/sns", subscription.get("Endpoint"));
        assertTrue(resources.containsKey("AlarmTopicPolicy"), "CloudWatch may publish to the topic");
    }

    @Test
    @SuppressWarnings("unchecked")
    void behindTheLoadBalancerOnlyTheSignedSnsWebhookSkipsTheLogin() throws IOException {
        Map<String, Object> template = new Yaml(new CloudFormationTags()).load(Files.readString(Path.of("deploy/alb-oidc.yaml")));
        var resources = (Map<String, Map<String, Object>>) template.get("Resources");
        var listener = (Map<String, Object>) resources.get("HttpsListener").get("Properties");
        var defaults = (java.util.List<Map<String, Object>>) listener.get("DefaultActions");
        assertEquals("authenticate-oidc", defaults.get(0).get("Type"), "everything else logs in first");
        for (var resource : resources.values()) {
            if (resource.get("Type").equals("AWS::ElasticLoadBalancingV2::ListenerRule")) {
                var rule = (Map<String, Object>) resource.get("Properties");
                assertEquals("[{Field=path-pattern, PathPatternConfig={Values=[/webhooks/sns]}}, "
                        + "{Field=http-request-method, HttpRequestMethodConfig={Values=[POST]}}]", rule.get("Conditions").toString());
            }
        }
        var ingress = (java.util.List<Map<String, Object>>) ((Map<String, Object>) resources.get("PipewatchSecurityGroup")
                .get("Properties")).get("SecurityGroupIngress");
        assertEquals("!Ref LoadBalancerSecurityGroup", ingress.get(0).get("SourceSecurityGroupId"),
                "only the load balancer can send the identity header");
    }

    @Test
    void theProductionEnvironmentChoosesALoginThatStarts() throws IOException {
        Map<String, String> env = new java.util.HashMap<>();
        Files.readAllLines(Path.of("deploy/production.env")).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .forEach(l -> env.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        assertEquals("aws", env.get("PIPEWATCH_MODE"));
        assertEquals("proxy", env.get("PIPEWATCH_AUTH_MODE"));
        for (String range : env.get("PIPEWATCH_AUTH_PROXY_TRUSTED_ADDRESSES").split(",")) {
            io.pipewatch.security.AddressRange.parse(range);
        }
        assertTrue(env.containsKey("PIPEWATCH_HTTP_ALLOWED_HOSTS"));
    }

    /** Reads CloudFormation's short-form intrinsics ({@code !Ref x}) as the text {@code "!Ref x"}. */
    private static final class CloudFormationTags extends SafeConstructor {
        CloudFormationTags() {
            super(new LoaderOptions());
            for (String tag : new String[] {"!Ref", "!Sub"}) {
                yamlConstructors.put(new Tag(tag), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        return tag + " " + ((ScalarNode) node).getValue();
                    }
                });
            }
        }
    }

    /** The CLI's default prefix, read from its option so the test follows a change of default. */
    private static final class DeployOptionsDefaults {
        final String prefix;

        DeployOptionsDefaults() {
            var spec = picocli.CommandLine.Model.CommandSpec.forAnnotatedObject(new DeployOptions());
            prefix = spec.findOption("--prefix").defaultValue();
        }
    }
}
