/**
 * In-process load for the benchmark tool: fires events straight from a bean (no HTTP cost) and
 * reports the server's memory. Answers 404 unless {@code hub.bench.enabled=true}.
 */
package dev.crosslinkhub.bench;
