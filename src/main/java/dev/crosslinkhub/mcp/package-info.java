/**
 * Agents over MCP: {@code /mcp}, the Model Context Protocol's Streamable HTTP transport (the
 * official MCP Java SDK's servlet), with coordination tools that call the same resources as the
 * REST API, in the same transactions, so an MCP change is announced on {@code /ws} like a REST one.
 * README.md, "Agents over MCP".
 */
package dev.crosslinkhub.mcp;
