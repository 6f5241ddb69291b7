package dev.crosslinkhub.api;

/**
 * The one rule on an API token's length, in settings and in rotation. A class with no
 * dependencies: {@code StartCheck} applies it before the server starts, on a class path without
 * the platform's APIs, where {@link ApiToken} cannot even be loaded.
 */
public final class TokenLength {

    public static final int MIN_LENGTH = 16;

    /** Why {@code value} is refused as {@code what}, or null when it is long enough. */
    public static String refusal(String what, String value) {
        return value.length() >= MIN_LENGTH ? null
                : what + " is " + value.length() + " characters; at least " + MIN_LENGTH
                        + " are required (a random one: openssl rand -hex 16)";
    }

    private TokenLength() {
    }
}
