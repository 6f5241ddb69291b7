/**
 * What the hub needs from a WebSocket container beyond JSR 356, behind {@link
 * dev.crosslinkhub.hub.container.ContainerSockets}: on Payara, {@link
 * dev.crosslinkhub.hub.container.TyrusSocket} for the send path and {@link
 * dev.crosslinkhub.hub.container.GrizzlyConnection} for the connection under it; elsewhere the
 * portable behaviour beside them ({@link dev.crosslinkhub.hub.container.PortableSocket}, WildFly
 * and the rest).
 */
package dev.crosslinkhub.hub.container;
