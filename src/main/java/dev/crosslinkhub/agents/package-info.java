/** Agents: their heartbeats, the status derived from them, and the sweep that announces status changes. */
package dev.crosslinkhub.agents;
