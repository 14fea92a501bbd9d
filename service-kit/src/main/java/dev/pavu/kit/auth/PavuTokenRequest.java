package dev.pavu.kit.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/**
 * A Pavu credential presented as {@code Authorization: Bearer …}: an API token ({@code pavu_…}) or the service
 * credential.
 *
 * @see PavuAuthMechanism
 */
public class PavuTokenRequest extends BaseAuthenticationRequest {

    private final String token;
    private final String teamHeader;

    /**
     * @param token      the bearer token
     * @param teamHeader the {@link PavuAuth#TEAM_HEADER} value (honoured for the service credential only), or null
     */
    public PavuTokenRequest(String token, String teamHeader) {
        this.token = token;
        this.teamHeader = teamHeader;
    }

    /** @return the bearer token */
    public String token() {
        return token;
    }

    /** @return the team header, or null */
    public String teamHeader() {
        return teamHeader;
    }
}
