package io.pipewatch.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local OpenID Connect provider for tests: a real HTTP server with the discovery document and a JWKS,
 * and tokens signed RS256 with its own key, as a provider's token endpoint would issue them.
 */
public final class OidcStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final KeyPair key;
    private final String issuer;

    public OidcStandIn() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            key = generator.generateKeyPair();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/ops";
        serve("/realms/ops/.well-known/openid-configuration", Map.of("issuer", issuer, "jwks_uri", issuer + "/jwks",
                "authorization_endpoint", issuer + "/authorize", "token_endpoint", issuer + "/token",
                "response_types_supported", List.of("code"), "subject_types_supported", List.of("public"),
                "id_token_signing_alg_values_supported", List.of("RS256")));
        RSAPublicKey publicKey = (RSAPublicKey) key.getPublic();
        serve("/realms/ops/jwks", Map.of("keys", List.of(Map.of("kty", "RSA", "kid", "k1", "use", "sig", "alg", "RS256",
                "n", base64(unsigned(publicKey.getModulus())), "e", base64(unsigned(publicKey.getPublicExponent()))))));
        server.start();
    }

    /** The issuer, for {@code quarkus.oidc.auth-server-url}. */
    public String issuer() {
        return issuer;
    }

    /** An access token for this user and these groups, valid for five minutes. */
    public String token(String username, List<String> groups) {
        return sign(key, username, groups);
    }

    /** The same token signed by a key the provider never published: a forgery. */
    public String forgedToken(String username, List<String> groups) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return sign(generator.generateKeyPair(), username, groups);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String sign(KeyPair with, String username, List<String> groups) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", "id-" + username);
        claims.put("preferred_username", username);
        claims.put("groups", groups);
        claims.put("aud", "pipewatch");
        claims.put("iat", now);
        claims.put("exp", now + 300);
        try {
            String signingInput = base64(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT", "kid", "k1"))) + "."
                    + base64(JSON.writeValueAsBytes(claims));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(with.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64(signature.sign());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void serve(String path, Object body) {
        server.createContext(path, exchange -> {
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
