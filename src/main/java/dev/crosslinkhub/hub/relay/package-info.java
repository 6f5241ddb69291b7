/**
 * How committed events reach every instance's hub, numbered in one order: the relay interface,
 * the single-instance relay and the data grid's, the event ids they hand out (kept rising in the
 * database), and the serialized event they carry.
 */
package dev.crosslinkhub.hub.relay;
