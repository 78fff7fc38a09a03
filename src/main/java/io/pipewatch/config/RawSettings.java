package io.pipewatch.config;

import io.smallrye.config.DotEnvConfigSourceProvider;
import io.smallrye.config.PropertiesConfigSourceLoader;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Settings as text, as Quarkus will resolve them, read before Quarkus starts: the same sources in the
 * same order (system properties 400, environment 300, {@code .env} 295, {@code config/application.properties}
 * 260, the jar's {@code application.properties} 250), the same profile, {@code ${…}} expanded. Only
 * for checking values before SmallRye converts them; the service reads its settings from Quarkus.
 */
public final class RawSettings {

    private RawSettings() {
    }

    public static Function<String, Optional<String>> lookup() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withProfiles(profiles())
                .addDefaultInterceptors()
                .addSystemSources()
                .withSources(DotEnvConfigSourceProvider.dotEnvSources(loader))
                .withSources(PropertiesConfigSourceLoader.inFileSystem("config/application.properties", 260, loader))
                .withSources(PropertiesConfigSourceLoader.inClassPath("application.properties", 250, loader))
                .build()
                .unwrap(SmallRyeConfig.class);
        return name -> {
            try {
                return Optional.ofNullable(config.getRawValue(name));
            } catch (RuntimeException e) {
                // An expression naming nothing (${missing}): left for Quarkus to report as it does.
                return Optional.empty();
            }
        };
    }

    /** Quarkus's rule for the packaged jar: {@code quarkus.profile}, else {@code QUARKUS_PROFILE}, else prod. */
    private static List<String> profiles() {
        String profile = Optional.ofNullable(System.getProperty("quarkus.profile"))
                .or(() -> Optional.ofNullable(System.getenv("QUARKUS_PROFILE")))
                .filter(p -> !p.isBlank())
                .orElse("prod");
        return Arrays.stream(profile.split(",")).map(String::strip).toList();
    }
}
