/** What every REST resource shares: the JAX-RS application, the bearer-token check, the JSON error shape. */
package dev.crosslinkhub.api;
