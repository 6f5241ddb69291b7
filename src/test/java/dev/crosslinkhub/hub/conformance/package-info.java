/**
 * Our own RFC 6455 conformance suite for {@code /ws}: a raw client against the deployed hub, one
 * class per part of the RFC, a seeded fuzzer judged by a model of the RFC, and the places where
 * the servers we deploy on depart from it ({@link dev.crosslinkhub.hub.conformance.ConformanceCase}).
 */
package dev.crosslinkhub.hub.conformance;
