package dev.crosslinkhub.api;

/**
 * The API token changed, on this hub or (seen in the database) on another: sessions opened with a
 * token of an earlier generation are no longer authorised. Fired inside the hub, never to clients.
 */
public record TokenRotated(long generation) {
}
