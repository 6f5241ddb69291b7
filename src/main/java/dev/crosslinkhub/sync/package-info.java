/**
 * crosslink's {@code /sync} routes move its state through a git branch. This server keeps its
 * state in its database, so it answers as a crosslink whose hub was never initialized.
 */
package dev.crosslinkhub.sync;
