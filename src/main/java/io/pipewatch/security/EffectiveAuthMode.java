package io.pipewatch.security;

import io.pipewatch.config.PipewatchConfig;
import java.util.Optional;

/** The login in force: the one configured, or {@code none} in demo mode when none is; aws mode has no default. */
public final class EffectiveAuthMode {

    private EffectiveAuthMode() {
    }

    public static Optional<AuthMode> of(AuthConfig config, PipewatchConfig.Mode mode) {
        return config.mode().or(() -> mode == PipewatchConfig.Mode.DEMO ? Optional.of(AuthMode.NONE) : Optional.empty());
    }
}
