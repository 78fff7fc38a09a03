package io.pipewatch.source.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TaggedResourcesTest {

    @Test
    void namesAResourceAsItsCloudWatchDimensionDoes() {
        assertEquals("ingest", TaggedResources.name("arn:aws:lambda:eu-west-1:123456789012:function:ingest"));
        assertEquals("ingest", TaggedResources.name("arn:aws:lambda:eu-west-1:123456789012:function:ingest:live"),
                "an alias or version is not part of FunctionName");
        assertEquals("device-logs", TaggedResources.name("arn:aws:kinesis:eu-west-1:123456789012:stream/device-logs"));
        assertEquals("impressions", TaggedResources.name("arn:aws:dynamodb:eu-west-1:123456789012:table/impressions"));
    }
}
