package io.pipewatch.config;

import java.nio.file.Path;

/** One error in a definition file, printed as {@code file:line:column: key: message}. */
public record DefinitionProblem(Path file, int line, int column, String key, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + key + ": " + message;
    }
}
