package io.pipewatch.security;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;

/**
 * Turns quarkus-oidc on exactly when {@code pipewatch.auth.mode=oidc}, so one setting chooses the login
 * and the other modes never wait on, or fail for, an OIDC provider. An explicit
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
        boolean oidc = mode != null && "oidc".equalsIgnoreCase(mode.getValue().strip());
        return ConfigValue.builder().withName(name).withValue(Boolean.toString(oidc))
                .withConfigSourceName("pipewatch.auth.mode").build();
    }
}
