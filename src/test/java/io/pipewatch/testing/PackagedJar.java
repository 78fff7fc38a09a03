package io.pipewatch.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts the packaged jar as the README and the container do: {@code java @deploy/jvm.options
 * -XX:SharedArchiveFile=…/pipewatch.jsa -jar quarkus-run.jar}. The process tests start it dozens of times; with the
 * flags and the archive a start takes half the time and half the CPU of the JVM's bare defaults, and it is the start
 * users get. ({@code ClassArchiveProcessIT} and {@code .ci/run}'s alarm checks still run it bare.)
 */
public final class PackagedJar {

    private PackagedJar() {
    }

    /** {@code target/quarkus-app/quarkus-run.jar}, as failsafe names it (or relative to the project, run from an IDE). */
    public static Path jar() {
        return Path.of(System.getProperty("test.pipewatch.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
    }

    /** The project's directory, which holds {@code deploy/}, {@code alarms/} and {@code dashboards/}. */
    public static Path project() {
        return jar().getParent().getParent().getParent();
    }

    /**
     * The JVM flags of the README's demo command: {@code deploy/jvm.options} and the archive {@code ./mvnw package}
     * records (a jar built with -Dcds-archive.skip=true has none, and the JVM then starts without one, silently).
     */
    public static List<String> readmeFlags() {
        return List.of("@" + project().resolve("deploy/jvm.options"),
                "-XX:SharedArchiveFile=" + jar().resolveSibling(io.pipewatch.ops.ClassArchiveCommand.DEFAULT_NAME));
    }

    /** {@code java}, the README's JVM flags, then these arguments: JVM flags of the test's own, {@code -jar}'s. */
    public static List<String> command(List<String> jvmFlags, String... arguments) {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(readmeFlags());
        command.addAll(jvmFlags);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(arguments));
        return command;
    }

    /** {@code java}, the README's JVM flags, {@code -jar quarkus-run.jar} and these arguments. */
    public static List<String> command(String... arguments) {
        return command(List.of(), arguments);
    }
}
