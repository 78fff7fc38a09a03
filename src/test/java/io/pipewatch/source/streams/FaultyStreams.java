package io.pipewatch.source.streams;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A thin wrapper around the real DynamoDB Streams client that counts GetRecords calls and throws
 * the failures queued for them (expired iterators, trimmed data, throttling) before delegating.
 */
final class FaultyStreams implements DynamoDbStreamsClient {

    private final DynamoDbStreamsClient real;
    final Deque<RuntimeException> getRecordsFailures = new ArrayDeque<>();
    final AtomicInteger getRecordsCalls = new AtomicInteger();
    /** Shards added to every DescribeStream answer, as a stream that split or aged would show them. */
    final java.util.List<software.amazon.awssdk.services.dynamodb.model.Shard> extraShards = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Every GetShardIterator request, to see where each shard was opened. */
    final java.util.List<GetShardIteratorRequest> iteratorRequests = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Answers the next GetRecords as the last of its shard (no next iterator), as a closed shard does. */
    volatile boolean closeShardOnNextRead;

    FaultyStreams(DynamoDbStreamsClient real) {
        this.real = real;
    }

    @Override
    public GetRecordsResponse getRecords(GetRecordsRequest request) {
        getRecordsCalls.incrementAndGet();
        RuntimeException failure = getRecordsFailures.poll();
        if (failure != null) {
            throw failure;
        }
        GetRecordsResponse response = real.getRecords(request);
        if (closeShardOnNextRead) {
            closeShardOnNextRead = false;
            return response.toBuilder().nextShardIterator(null).build();
        }
        return response;
    }

    @Override
    public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
        DescribeStreamResponse response = real.describeStream(request);
        if (extraShards.isEmpty()) {
            return response;
        }
        var shards = new java.util.ArrayList<>(response.streamDescription().shards());
        shards.addAll(extraShards);
        return response.toBuilder().streamDescription(response.streamDescription().toBuilder().shards(shards).build()).build();
    }

    @Override
    public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
        iteratorRequests.add(request);
        return real.getShardIterator(request);
    }

    @Override
    public String serviceName() {
        return real.serviceName();
    }

    @Override
    public void close() {
        // the real client belongs to the test
    }
}
