/** Milestones: named groups of issues and how far along they are. */
package dev.crosslinkhub.milestones;
