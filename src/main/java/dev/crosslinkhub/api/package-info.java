/** What every REST resource shares: the JAX-RS application, the bearer-token check, the JSON error shape, list paging. */
package dev.crosslinkhub.api;
