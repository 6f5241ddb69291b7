package dev.crosslinkhub.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.inject.Inject;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.WebListener;
import java.time.Duration;
import java.util.logging.Logger;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts the MCP server at {@code /mcp} when the WAR starts: the SDK's Streamable HTTP servlet
 * behind {@link McpGate}, serving {@link CoordinationTools} and {@link CoordinationResources}. Tools run on the request's own
 * thread ({@code immediateExecution}), where the container's transactions, CDI request scope and
 * JPA work as for a REST request.
 */
@WebListener
public class McpEndpoint implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(McpEndpoint.class.getName());
    static final String PATH = "/mcp";

    @Inject
    CoordinationTools tools;

    @Inject
    CoordinationResources resources;

    @Inject
    ResourceWatch watch;

    @Inject
    McpGate gate;

    @Inject
    McpSettings settings;

    private McpSyncServer server;

    @Override
    public void contextInitialized(ServletContextEvent started) {
        JsonMapper jackson = JsonMapper.builder().build();
        McpJsonMapper json = new JacksonMcpJsonMapper(jackson);
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(json)
                .mcpEndpoint(PATH)
                .securityValidator(ServerTransportSecurityValidator.NOOP) // McpGate judges origins, with /ws's policy
                .sessionSweepInterval(settings.sessionIdle())
                .build();
        server = McpServer.sync(transport)
                .serverInfo("crosslink-hub", "0.1.0")
                .jsonMapper(json)
                .jsonSchemaValidator(new DefaultJsonSchemaValidator(jackson))
                .validateToolInputs(true)
                .immediateExecution(true)
                .requestTimeout(Duration.ofMillis(settings.maxWaitMs()).plusSeconds(30))
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(true, false).build())
                .tools(tools.specifications(json))
                .resources(resources.resources())
                .resourceTemplates(resources.templates())
                .build();
        watch.start(server);
        ServletContext context = started.getServletContext();
        ServletRegistration.Dynamic servlet = context.addServlet("mcp", transport);
        servlet.addMapping(PATH);
        servlet.setAsyncSupported(true);
        FilterRegistration.Dynamic filter = context.addFilter("mcp-gate", gate);
        filter.addMappingForServletNames(null, false, "mcp");
        filter.setAsyncSupported(true);
        LOG.info(() -> "MCP server at " + context.getContextPath() + PATH);
    }

    @Override
    public void contextDestroyed(ServletContextEvent stopped) {
        watch.stop();
        if (server != null) {
            server.closeGracefully();
        }
    }
}
