/** What integration tests share: the test deployment, a WebSocket client, an HTTP client, waiting with deadlines. */
package dev.crosslinkhub.support;
