/** Token usage agents report, and its summary per agent and model. */
package dev.crosslinkhub.usage;
