package io.pipewatch.security;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;

/**
 * Turns quarkus-oidc on exactly when {@code pipewatch.auth.mode=oidc}, so one setting chooses the login
 * and the other modes never wait on, or fail for, an OIDC provider; oidc mode without a provider URL is
 * refused at start by {@link AuthProblems}, one line naming the key. An explicit
 * {@code quarkus.oidc.tenant-enabled} still wins.
 */
public class OidcSwitch implements ConfigSourceInterceptor {

    static final String TENANT_ENABLED = "quarkus.oidc.tenant-enabled";
    /** Below every source a person writes (application.properties is 250): defaults recorded by extensions. */
    private static final int SET_BY_SOMEONE = 100;

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!TENANT_ENABLED.equals(name) || value != null && value.getConfigSourceOrdinal() >= SET_BY_SOMEONE) {
            return value;
        }
        ConfigValue mode = context.proceed("pipewatch.auth.mode");
        ConfigValue server = context.proceed("quarkus.oidc.auth-server-url");
        // Without a provider quarkus-oidc would stop the start with a stack trace; left off, AuthProblems names the key.
        boolean oidc = mode != null && "oidc".equalsIgnoreCase(mode.getValue().strip())
                && server != null && server.getValue() != null && !server.getValue().isBlank();
        return ConfigValue.builder().withName(name).withValue(Boolean.toString(oidc))
                .withConfigSourceName("pipewatch.auth.mode").build();
    }
}
