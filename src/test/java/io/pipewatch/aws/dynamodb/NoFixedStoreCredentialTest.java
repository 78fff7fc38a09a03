package io.pipewatch.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No credential is written in the application's source: a key in the source opens every running copy's store.
 * (Test fakes of AWS services elsewhere in src/test use dummy keys for servers that check none.)
 */
class NoFixedStoreCredentialTest {

    /** A credential built from a string literal, with the SDK's classes or the old DynamoDB Local key. */
    private static final Pattern LITERAL_CREDENTIAL = Pattern.compile(
            "(AwsBasicCredentials|AwsSessionCredentials|BasicAWSCredentials)\\s*\\.?\\s*(create|new)?\\s*\\(\\s*\"");

    @Test
    void noSourceFileBuildsACredentialFromALiteral() throws IOException {
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
            offenders = files.filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".properties"))
                    .filter(NoFixedStoreCredentialTest::holdsLiteralCredential).toList();
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void thePatternCatchesTheKeyThatWasHereBefore() {
        assertTrue(LITERAL_CREDENTIAL.matcher("AwsBasicCredentials.create(\"local\", \"local\")").find());
        assertTrue(LITERAL_CREDENTIAL.matcher("new BasicAWSCredentials( \"AKIA\", \"x\")").find());
    }

    private static boolean holdsLiteralCredential(Path file) {
        try {
            String text = Files.readString(file);
            return LITERAL_CREDENTIAL.matcher(text).find()
                    || text.contains("aws.accessKeyId") || text.contains("aws_access_key_id")
                    || Pattern.compile("(?i)access[-_.]?key[-_.]?id\\s*=\\s*\\w").matcher(text).find();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
