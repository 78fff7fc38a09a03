package io.pipewatch.aws.dynamodb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Reads the kernel's socket table ({@code /proc/net/tcp} or {@code tcp6}) for listeners on one port. */
final class ListeningSockets {

    private static final String LISTEN = "0A";
    private static final String IPV4_LOOPBACK = "0100007F"; // 127.0.0.1, little-endian hex
    private static final String IPV6_LOOPBACK = "00000000000000000000000001000000"; // ::1
    private static final String IPV4_MAPPED_LOOPBACK = "0000000000000000FFFF00000100007F"; // ::ffff:127.0.0.1

    private ListeningSockets() {
    }

    /** Local addresses (hex, as the kernel writes them) of the sockets listening on {@code port}. */
    static List<String> on(Path table, int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        return Files.readAllLines(table).stream().skip(1)
                .map(line -> line.trim().split("\\s+"))
                .filter(fields -> fields.length > 3 && fields[3].equals(LISTEN) && fields[1].endsWith(":" + hexPort))
                .map(fields -> fields[1].substring(0, fields[1].indexOf(':')))
                .toList();
    }

    static boolean loopback(String hexAddress) {
        // 127.0.0.0/8 is loopback: the last byte of the little-endian word is 7F.
        return hexAddress.length() == 8 ? hexAddress.endsWith("7F")
                : hexAddress.equals(IPV6_LOOPBACK) || hexAddress.equals(IPV4_MAPPED_LOOPBACK);
    }
}
