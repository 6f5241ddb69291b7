/**
 * Beans that exist only in test deployments: an application's own event type on its own channel,
 * and a resource that fires events the way a business bean would, in and out of transactions.
 */
package dev.crosslinkhub.testapp;
