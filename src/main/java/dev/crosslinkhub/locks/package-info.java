/** Locks on issues: who holds what, and the {@code lock_changed} announcements. */
package dev.crosslinkhub.locks;
