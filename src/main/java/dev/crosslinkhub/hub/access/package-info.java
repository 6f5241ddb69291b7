/**
 * Who may open {@code /ws}: the handshake gate (token, subprotocol, ticket, origin), the
 * short-lived tickets browsers redeem, and the client address a session is counted under.
 */
package dev.crosslinkhub.hub.access;
