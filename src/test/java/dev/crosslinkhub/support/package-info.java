/**
 * What integration tests share: the test deployment, a WebSocket client (and a raw one written
 * from RFC 6455, for frames no client library sends), an HTTP client, waiting with deadlines,
 * markers that say "everything before me has been delivered", and the address of a deployment a
 * test starts and stops itself.
 */
package dev.crosslinkhub.support;
