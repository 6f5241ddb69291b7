/**
 * On Payara, the {@code /ws} handshake served by Payara's HTTP listener instead of the servlet
 * upgrade ({@link dev.crosslinkhub.hub.upgrade.ListenerUpgrade}). Through the servlet upgrade an
 * open connection keeps its handshake's HTTP request and response, Catalina's and Grizzly's, for
 * its whole life, because its frames are read through that request: about 25 KB of heap per idle
 * connection. Here the handshake is judged and answered as before (the same {@code
 * HandshakeCheck}, the same Tyrus engine and endpoint), and then the connection leaves HTTP: its
 * bytes go straight to Tyrus ({@link dev.crosslinkhub.hub.upgrade.UpgradedConnection}) and the
 * HTTP objects are let go: about 5.6 KB of heap per idle connection. On by default; with {@code
 * hub.ws.listener-upgrade=false}, or on another container, the servlet upgrade serves.
 */
package dev.crosslinkhub.hub.upgrade;
