/**
 * Beans that exist only in test deployments: an application's own event type on its own channel,
 * a resource that fires events the way a business bean would, in and out of transactions, and
 * the marker a test fires to know that everything before it has been delivered.
 */
package dev.crosslinkhub.testapp;
