package dev.crosslinkhub.api;

import java.util.Optional;

/** The token store without a database, for unit tests: what it keeps lives as long as the object. */
final class MemoryTokenStore extends TokenStore {

    private RotatedToken.View row;

    @Override
    public Optional<RotatedToken.View> current() {
        return Optional.ofNullable(row);
    }

    @Override
    public long rotate(String tokenSha256, String replacesSha256) {
        row = new RotatedToken.View(tokenSha256, replacesSha256, row == null ? 1 : row.generation() + 1);
        return row.generation();
    }
}
