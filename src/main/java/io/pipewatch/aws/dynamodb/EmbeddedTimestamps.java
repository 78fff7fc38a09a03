package io.pipewatch.aws.dynamodb;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Corrects the times DynamoDB Local's in-process clients (2.6.1, {@code DynamoDBEmbedded}) hand back: they read its
 * epoch milliseconds as epoch seconds, so a table created today says it was created in the year 58896, and so does
 * every stream record. The tailer decides from those times whether a table is an earlier demo run's and how far behind
 * it reads. Only the times Pipewatch reads are corrected: a table's creation and a stream record's approximate
 * creation. Over HTTP (aws mode, a shared store) the times are right and nothing is wrapped.
 */
final class EmbeddedTimestamps {

    private EmbeddedTimestamps() {
    }

    static DynamoDbClient corrected(DynamoDbClient embedded) {
        return wrap(DynamoDbClient.class, embedded);
    }

    static DynamoDbStreamsClient corrected(DynamoDbStreamsClient embedded) {
        return wrap(DynamoDbStreamsClient.class, embedded);
    }

    /** Every call goes to the embedded client (the request-builder overloads too); only the answers above are changed. */
    private static <T> T wrap(Class<T> type, T embedded) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            try {
                return corrected(method.invoke(embedded, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }

    private static Object corrected(Object answer) {
        if (answer instanceof DescribeTableResponse described && described.table() != null) {
            return described.toBuilder().table(described.table().toBuilder()
                    .creationDateTime(corrected(described.table().creationDateTime())).build()).build();
        }
        if (answer instanceof GetRecordsResponse records && records.hasRecords()) {
            return records.toBuilder().records(records.records().stream().map(EmbeddedTimestamps::corrected).toList()).build();
        }
        return answer;
    }

    private static Record corrected(Record record) {
        if (record.dynamodb() == null) {
            return record;
        }
        return record.toBuilder().dynamodb(record.dynamodb().toBuilder()
                .approximateCreationDateTime(corrected(record.dynamodb().approximateCreationDateTime())).build()).build();
    }

    /** Milliseconds read as seconds put any date of this era beyond the year 10000; a right one stays as it is. */
    static Instant corrected(Instant time) {
        if (time == null || time.isBefore(Instant.parse("+10000-01-01T00:00:00Z"))) {
            return time;
        }
        return Instant.ofEpochMilli(time.getEpochSecond());
    }
}
