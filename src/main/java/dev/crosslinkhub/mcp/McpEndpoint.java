package dev.crosslinkhub.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.WebListener;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts the MCP server at {@code /mcp} when the WAR starts: the SDK's Streamable HTTP servlet
 * behind {@link McpGate}, serving {@link CoordinationTools} and {@link CoordinationResources},
 * run by {@link McpServlet} on MCP threads of the container's thread factory. Tools run on that
 * thread ({@code immediateExecution}), where the container's transactions, JPA and a CDI request
 * context work as for a REST request.
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

    @Inject
    McpSessions sessions;

    @Inject
    Instance<RequestContextController> requestContexts;

    @Resource
    ManagedThreadFactory threads;

    private McpSyncServer server;
    private ExecutorService calls;

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
        // threads made as needed, kept a minute, at most hub.mcp.max-threads: a waiting agent holds one
        calls = new ThreadPoolExecutor(0, settings.maxThreads(), 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
        ServletContext context = started.getServletContext();
        ServletRegistration.Dynamic servlet = context.addServlet("mcp", new McpServlet(transport, calls, sessions, requestContexts));
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
        if (calls != null) {
            calls.shutdownNow(); // waits end at once; their sessions are gone with the server
        }
    }
}
