package dev.crosslinkhub.mcp;

import dev.crosslinkhub.support.Api;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** An agent's MCP session with the deployed hub, through the official SDK's own client (Streamable HTTP). */
final class AgentSession implements AutoCloseable {

    private final McpSyncClient client;

    private AgentSession(McpSyncClient client) {
        this.client = client;
    }

    /** {@code mcpUri}: the hub's {@code /mcp}, asked with the test token. */
    static AgentSession open(URI mcpUri) {
        return open(mcpUri, updated -> { });
    }

    /** The same, handing {@code updated} the new contents of each subscribed resource the hub says changed. */
    static AgentSession open(URI mcpUri, Consumer<List<McpSchema.ResourceContents>> updated) {
        String root = mcpUri.getScheme() + "://" + mcpUri.getAuthority();
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(root)
                .endpoint(mcpUri.getPath())
                .httpRequestCustomizer((request, method, uri, body, context) -> request.header("Authorization", "Bearer " + Api.TOKEN))
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
                .resourcesUpdateConsumer(updated).build();
        client.initialize();
        return new AgentSession(client);
    }

    McpSyncClient client() {
        return client;
    }

    McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    /** The text of a call's answer (the tools answer one JSON text). */
    static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    @Override
    public void close() {
        client.closeGracefully();
    }
}
