/**
 * What the hub needs from a WebSocket container beyond JSR 356, behind {@link
 * dev.crosslinkhub.hub.container.ContainerSocket}: one adapter per container that needs one
 * ({@link dev.crosslinkhub.hub.container.TyrusSocket} on Payara), and the portable behaviour
 * beside it ({@link dev.crosslinkhub.hub.container.PortableSocket}, WildFly and the rest).
 */
package dev.crosslinkhub.hub.container;
