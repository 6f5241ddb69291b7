package dev.crosslinkhub.api.direct;

/** What a direct route reads of a request: its method, two headers, and its body (never over the body limit). */
public record DirectRequest(String method, String authorization, String contentType, byte[] body) {
}
