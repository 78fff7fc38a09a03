package io.pipewatch.aws.dynamodb;

import io.pipewatch.config.CommandLines;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code store-server}: the embedded store on its own, so that several Pipewatch replicas on one machine can share it
 * ({@code AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:8000}) the way deployed replicas share DynamoDB. It is the same
 * DynamoDB Local the demo embeds, in shared mode (one database whatever key or region a client signs with), on
 * loopback unless {@code --host} says otherwise, on disk in {@code data/} unless {@code --path} says otherwise. It runs
 * until it is stopped (Ctrl-C, SIGTERM). Exit status: 0 stopped, 1 usage, 2 the path or the port cannot be used.
 */
@Command(name = "store-server", mixinStandardHelpOptions = true, version = "pipewatch store-server 0.1",
        description = "Run Pipewatch's embedded store (DynamoDB Local) on its own, for several replicas on one machine.")
public final class StoreServerCommand implements Callable<Integer> {

    static final int UNUSABLE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "8000", description = "the port to listen on (default ${DEFAULT-VALUE}; 0: any free one)")
    int port;

    @Option(names = "--path", defaultValue = "data", description = "the directory of the data (default ${DEFAULT-VALUE}), or memory")
    Path path;

    @Option(names = "--host", defaultValue = LoopbackDynamoDbServer.HOST,
            description = "the address to listen on (default ${DEFAULT-VALUE}: this machine only)")
    String host;

    private final CountDownLatch stopped;

    private StoreServerCommand(CountDownLatch stopped) {
        this.stopped = stopped;
    }

    /** Runs until the JVM is asked to stop. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), new CountDownLatch(1), args);
    }

    /** @param stopped counted down to stop the server (the JVM's shutdown hook does it too) */
    static int run(PrintWriter out, PrintWriter err, CountDownLatch stopped, String... args) {
        return CommandLines.of(new StoreServerCommand(stopped), out, err).execute(args);
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65_535) {
            err.println("--port: " + port + " is not a port (0 to 65535)");
            return CommandLines.USAGE;
        }
        StoreLocation location = StoreLocation.of(path);
        if (location instanceof StoreLocation.OnDisk onDisk && Files.exists(onDisk.directory())
                && (!Files.isDirectory(onDisk.directory()) || !Files.isWritable(onDisk.directory()))) {
            err.println("--path: " + onDisk.directory() + " is not a writable directory");
            return UNUSABLE;
        }
        LoopbackDynamoDbServer server;
        try {
            server = LoopbackDynamoDbServer.start(location, host, port);
        } catch (Exception e) {
            err.println("store-server: cannot listen on " + host + ":" + port + " (" + location + "): " + reason(e));
            return UNUSABLE;
        }
        Thread hook = new Thread(stopped::countDown, "pipewatch-store-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("Pipewatch store (DynamoDB Local, shared by every replica) listening on " + server.endpoint() + ", "
                + location);
        out.println("Start replicas with AWS_ENDPOINT_URL_DYNAMODB=" + server.endpoint());
        if (!isLoopback(host)) {
            out.println("Warning: " + host + " is not loopback; DynamoDB Local checks no credentials, so whoever reaches"
                    + " this port can read and change Pipewatch's state");
        }
        try {
            stopped.await();
        } finally {
            try {
                server.close();
            } catch (Exception e) {
                err.println("store-server: stopping: " + reason(e));
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is what stopped it.
            }
        }
        out.println("Pipewatch store stopped");
        return 0;
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return t.getMessage();
            }
        }
        return e.getMessage();
    }
}
