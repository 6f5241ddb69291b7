package dev.crosslinkhub.api;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The one row that says the API token was rotated, shared by every hub on the database: the new
 * token's SHA-256 (never the token), the configured token's it replaced, and a generation that
 * every rotation raises. A hub whose configured token is the one replaced uses the rotated one,
 * after a restart too; a hub configured with another token (the operator set a new one) does not.
 */
@Entity
@Table(name = "hub_api_token")
public class RotatedToken {

    static final int THE_TOKEN = 1;

    @Id
    private int id = THE_TOKEN;

    @Column(name = "token_sha256", nullable = false, length = 64)
    private String tokenSha256;

    @Column(name = "replaces_sha256", nullable = false, length = 64)
    private String replacesSha256;

    @Column(nullable = false)
    private long generation;

    @Column(name = "rotated_at", nullable = false)
    private Instant rotatedAt;

    /** What a hub needs of the row. */
    public record View(String tokenSha256, String replacesSha256, long generation) {
    }

    View view() {
        return new View(tokenSha256, replacesSha256, generation);
    }

    void rotate(String tokenSha256, String replacesSha256, Instant at) {
        this.tokenSha256 = tokenSha256;
        this.replacesSha256 = replacesSha256;
        this.generation++;
        this.rotatedAt = at;
    }
}
