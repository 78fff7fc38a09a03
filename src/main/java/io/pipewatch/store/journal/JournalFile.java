package io.pipewatch.store.journal;

import io.quarkus.logging.Log;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * The journal's bytes: a 4-byte mark ({@code PWJ1}), then one record per commit — its length, a CRC-32C of its body,
 * and the body (the changes, each a tag, kind, id, expiry and for a put the JSON). A record cut short by a crash, or
 * whose checksum fails, ends the journal: it and what follows are cut off at replay (what follows is copied aside
 * first, should it be more than a torn tail). A rewrite goes to a file of its own and replaces this one whole.
 */
final class JournalFile {

    private static final int MARK = 0x50574a31; // "PWJ1"
    private static final byte PUT = 1;
    private static final byte DELETE = 2;
    /** No commit of ours comes near it; a larger length is a torn or foreign record. */
    private static final int LARGEST_RECORD = 64 << 20;
    /** Documents per record in a rewrite: bounded records, and a rewrite cut short is discarded anyway. */
    private static final int PUTS_PER_REWRITTEN_RECORD = 1000;

    private final Path path;
    private FileChannel channel;
    private volatile long size;

    private JournalFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    static JournalFile open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        JournalFile file = new JournalFile(path, channel);
        if (channel.size() == 0) {
            channel.write(ByteBuffer.allocate(4).putInt(0, MARK));
            channel.force(true);
            syncDirectory(path.getParent());
        }
        return file;
    }

    long size() {
        return size;
    }

    /** Hands each record's changes over in order, cuts off a torn or damaged end, and leaves the file ready to append. */
    void replay(Consumer<List<Journal.Change>> each) throws IOException {
        long end = channel.size();
        long position = 4;
        // Not closed: closing a channel's stream closes the channel, which appends come next.
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Channels.newInputStream(channel.position(0)), 1 << 16));
        if (end < 4 || in.readInt() != MARK) {
            throw new IllegalStateException(path + " is not a Pipewatch store journal (its first bytes are not PWJ1)");
        }
        while (position < end) {
            Record record = readRecord(in, end - position);
            if (record == null) {
                cutAt(position, end);
                break;
            }
            each.accept(record.changes());
            position += record.length();
        }
        size = Math.min(position, end);
        channel.position(size);
    }

    private record Record(List<Journal.Change> changes, int length) {
    }

    /** The next record, or null when it is cut short or damaged. */
    private static Record readRecord(DataInputStream in, long remaining) throws IOException {
        if (remaining < 8) {
            return null;
        }
        int length = in.readInt();
        int checksum = in.readInt();
        if (length < 0 || length > LARGEST_RECORD || length > remaining - 8) {
            return null;
        }
        byte[] body = new byte[length];
        in.readFully(body);
        CRC32C crc = new CRC32C();
        crc.update(body);
        if ((int) crc.getValue() != checksum) {
            return null;
        }
        try {
            return new Record(decode(body), 8 + length);
        } catch (IOException e) {
            return null; // a record whose checksum holds yet does not read: not ours
        }
    }

    private void cutAt(long position, long end) throws IOException {
        if (end - position > LARGEST_RECORD / 64) {
            Path aside = path.resolveSibling(path.getFileName() + ".damaged-at-" + position);
            Files.copy(path, aside, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
            Log.errorf("The store's journal %s is damaged at byte %d of %d; kept a copy as %s and continue from the damage",
                    path, position, end, aside);
        } else {
            Log.warnf("The store's journal %s ended in a record cut short (%d bytes, a crash while writing): dropped",
                    path, end - position);
        }
        channel.truncate(position);
        channel.force(true);
    }

    void append(List<List<? extends Journal.Change>> records) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        for (var changes : records) {
            writeRecord(bytes, changes);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        size += bytes.size();
    }

    void force() throws IOException {
        channel.force(false);
    }

    /** Replaces the file with one holding {@code live}, whole or not at all. */
    void rewrite(List<Journal.Put> live) throws IOException {
        Path next = path.resolveSibling(path.getFileName() + ".rewrite");
        long written = 4;
        try (FileChannel out = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.allocate(4).putInt(0, MARK));
            for (int from = 0; from < live.size(); from += PUTS_PER_REWRITTEN_RECORD) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
                writeRecord(bytes, live.subList(from, Math.min(live.size(), from + PUTS_PER_REWRITTEN_RECORD)));
                ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                written += bytes.size();
            }
            out.force(true);
        }
        Files.move(next, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(path.getParent());
        channel.close();
        channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        channel.position(written);
        size = written;
    }

    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // written and forced already, or refused: nothing more to do
        }
    }

    private static void writeRecord(ByteArrayOutputStream to, List<? extends Journal.Change> changes) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(256);
        DataOutputStream out = new DataOutputStream(body);
        out.writeInt(changes.size());
        for (Journal.Change change : changes) {
            out.writeByte(change instanceof Journal.Put ? PUT : DELETE);
            writeString(out, change.kind());
            writeString(out, change.id());
            if (change instanceof Journal.Put put) {
                out.writeLong(put.expiresAt());
                writeString(out, put.json());
            }
        }
        byte[] bytes = body.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        DataOutputStream header = new DataOutputStream(to);
        header.writeInt(bytes.length);
        header.writeInt((int) crc.getValue());
        to.write(bytes);
    }

    private static List<Journal.Change> decode(byte[] body) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(body));
        int count = in.readInt();
        List<Journal.Change> changes = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            byte tag = in.readByte();
            String kind = readString(in);
            String id = readString(in);
            if (tag == PUT) {
                long expiresAt = in.readLong();
                changes.add(new Journal.Put(kind, id, readString(in), expiresAt));
            } else if (tag == DELETE) {
                changes.add(new Journal.Delete(kind, id));
            } else {
                throw new IOException("unknown change " + tag);
            }
        }
        return changes;
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new EOFException("string of " + length + " bytes in a record of fewer");
        }
        byte[] bytes = in.readNBytes(length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Makes a created or renamed file's directory entry durable (Linux: fsync of the directory). */
    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UncheckedIOException e) {
            // Some file systems refuse to open a directory; the rename itself is still atomic there.
            Log.debugf("Directory %s not synced: %s", directory, e.getMessage());
        }
    }
}
