/**
 * What integration tests share: the test deployment, a WebSocket client, an HTTP client, waiting
 * with deadlines, markers that say "everything before me has been delivered", and the address of
 * a deployment a test starts and stops itself.
 */
package dev.crosslinkhub.support;
