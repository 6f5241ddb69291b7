/**
 * Faults a test deploys on purpose, beside the real WAR, to watch the hub deal with them: a
 * frame writer that fails, to fault the drain of one session.
 */
package dev.crosslinkhub.testapp.faults;
