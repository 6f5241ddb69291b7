/**
 * crosslink's own React dashboard, built elsewhere and served by the hub from
 * {@code hub.dashboard-dir} at {@code /crosslink/}, beside the ops console; its API and
 * {@code /ws} are the hub's.
 */
package dev.crosslinkhub.dashboard;
