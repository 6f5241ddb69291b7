/**
 * Where the domain's data lives: the one data source every feature's entities use. The default
 * is an embedded H2 file under {@code hub.data.dir}; PostgreSQL is a configuration change.
 */
package dev.crosslinkhub.storage;
