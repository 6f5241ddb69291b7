/**
 * crosslink's knowledge pages are markdown files in its git hub branch, written by its CLI. This
 * server has no such store, so it answers as crosslink does when the store is not set up.
 */
package dev.crosslinkhub.knowledge;
