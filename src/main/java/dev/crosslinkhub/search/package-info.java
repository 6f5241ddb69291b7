/** Search across the hub's own data: issues, then comments. */
package dev.crosslinkhub.search;
