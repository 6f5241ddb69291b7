/** What operators watch: health checks and the hub's metrics. */
package dev.crosslinkhub.operations;
