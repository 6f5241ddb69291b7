/** crosslink's project configuration ({@code /config}), kept in the database; the lock stale timeout is read from it. */
package dev.crosslinkhub.settings;
