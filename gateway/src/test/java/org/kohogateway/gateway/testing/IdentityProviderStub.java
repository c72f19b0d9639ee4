package org.kohogateway.gateway.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The city's identity provider as WireMock plays it for the OIDC login: the discovery document, the signing key
 * (JWKS) and, per login, a token endpoint answer carrying an ID token this class signs (RS256) for the nonce and
 * claims the test chooses. The browser's visit to the authorization endpoint is the test's own: it reads the state
 * and nonce from the gateway's redirect and comes back to the callback with a code it made up.
 */
public final class IdentityProviderStub {

    public static final String CLIENT_ID = "koho-gateway-test";
    private static final String KEY_ID = "test-key";
    private static IdentityProviderStub shared;

    private final WireMockServer server;
    private final RSAKey key;

    private IdentityProviderStub() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(KEY_ID).build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        server = new WireMockServer(options().dynamicPort());
        server.start();
        String issuer = issuer();
        server.stubFor(get("/idp/.well-known/openid-configuration").willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(Api.json(Map.of(
                        "issuer", issuer,
                        "authorization_endpoint", issuer + "/authorize",
                        "token_endpoint", issuer + "/token",
                        "jwks_uri", issuer + "/jwks",
                        "response_types_supported", List.of("code"),
                        "subject_types_supported", List.of("public"),
                        "id_token_signing_alg_values_supported", List.of("RS256"))))));
        server.stubFor(get("/idp/jwks").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(new JWKSet(key.toPublicJWK()).toString())));
    }

    public static synchronized IdentityProviderStub shared() {
        if (shared == null) {
            shared = new IdentityProviderStub();
        }
        return shared;
    }

    public String issuer() {
        return server.baseUrl() + "/idp";
    }

    /** The registration {@code city} and the group mapping the tests use. */
    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        String registration = "spring.security.oauth2.client.registration.city.";
        p.put(registration + "client-id", CLIENT_ID);
        p.put(registration + "client-secret", "test-client-secret");
        p.put(registration + "scope", "openid");
        p.put("spring.security.oauth2.client.provider.city.issuer-uri", issuer());
        p.put("gateway.login.oidc.group-roles.sns-posters", "POSTER");
        p.put("gateway.login.oidc.group-roles.sns-approvers", "APPROVER");
        p.put("gateway.login.oidc.group-roles.sns-admins", "ADMIN");
        p.put("gateway.login.oidc.department-claim", "department");
        return p;
    }

    /**
     * Makes the token endpoint answer the exchange of {@code code} with an ID token for this nonce carrying these
     * claims (besides iss, sub, aud, iat, exp and nonce).
     */
    public void willIssue(String code, String nonce, Map<String, Object> claims) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(issuer()).subject(UUID.randomUUID().toString())
                .audience(CLIENT_ID).issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .claim("nonce", nonce);
        claims.forEach(builder::claim);
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY_ID).build(), builder.build());
        try {
            token.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        server.stubFor(post("/idp/token").withRequestBody(containing("code=" + code)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(Api.json(Map.of(
                        "access_token", "at-" + code, "token_type", "Bearer", "expires_in", 300,
                        "scope", "openid", "id_token", token.serialize())))));
    }
}
