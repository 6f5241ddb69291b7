/** Issues: their fields, comments, labels, blockers and sub-issues; every change announced as {@code issue_updated}. */
package dev.crosslinkhub.issues;
