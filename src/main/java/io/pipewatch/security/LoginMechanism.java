package io.pipewatch.security;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.BasicAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Decides, by {@code pipewatch.auth.mode}, how a request proves who sent it: Basic credentials checked
 * against the users file, a trusted proxy's headers, or nobody at all ({@code none}: everyone acts as
 * {@code anonymous} with every role). In {@code oidc} mode it steps aside for quarkus-oidc, which this
 * mechanism outranks in every other mode, so one setting chooses the login.
 */
@ApplicationScoped
public class LoginMechanism implements HttpAuthenticationMechanism {

    /** Above quarkus-oidc's mechanism, so in basic mode browsers get a Basic challenge, not OIDC's. */
    static final int PRIORITY = DEFAULT_PRIORITY + 500;
    public static final String ANONYMOUS = "anonymous";

    private final AuthMode mode;
    private final BasicAuthenticationMechanism basic;
    private final TrustedProxy proxy;

    public LoginMechanism(AuthConfig config, io.pipewatch.config.PipewatchConfig app) {
        this.mode = EffectiveAuthMode.of(config, app.mode()).orElse(AuthMode.NONE);
        this.basic = new BasicAuthenticationMechanism(config.realm(), false);
        this.proxy = mode == AuthMode.PROXY ? TrustedProxy.from(config.proxy()) : null;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        return switch (mode) {
            case BASIC -> basic.authenticate(context, identities);
            case PROXY -> proxied(context);
            case NONE -> Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(ANONYMOUS)).addRoles(Roles.ALL).build());
            case OIDC -> Uni.createFrom().nullItem();
        };
    }

    private Uni<SecurityIdentity> proxied(RoutingContext context) {
        String peer = context.request().connection().remoteAddress().hostAddress();
        try {
            return Uni.createFrom().item(proxy.user(peer, context.request()::getHeader)
                    .<SecurityIdentity>map(user -> QuarkusSecurityIdentity.builder()
                            .setPrincipal(new QuarkusPrincipal(user.name())).addRoles(user.roles()).build())
                    .orElse(null));
        } catch (TrustedProxy.Untrusted e) {
            Log.warnf("Refused a request claiming a user: %s", e.getMessage());
            return Uni.createFrom().failure(new AuthenticationFailedException(e.getMessage()));
        }
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return switch (mode) {
            case BASIC -> basic.getChallenge(context);
            case PROXY, NONE -> Uni.createFrom().item(new ChallengeData(401, null, null));
            case OIDC -> Uni.createFrom().nullItem();
        };
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(UsernamePasswordAuthenticationRequest.class);
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }
}
