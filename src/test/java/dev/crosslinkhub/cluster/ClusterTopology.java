package dev.crosslinkhub.cluster;

import dev.crosslinkhub.support.HubDeployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/**
 * docker-compose.yml's topology, natively: N hubs in one data grid on loopback, on a database of
 * their own (made fresh in the PostgreSQL of scripts/with-postgres), and HAProxy in front.
 * The first hub starts alone until its grid is up, so the others join it instead of racing it
 * to be the grid's master; they then boot side by side.
 *
 * <pre>
 * try (ClusterTopology topology = ClusterTopology.start("locks", 2)) { ... topology.proxy().baseUri() ... }
 * </pre>
 */
public final class ClusterTopology implements AutoCloseable {

    public static final Duration STARTUP = Duration.ofSeconds(240);

    private final String name;
    private final Database database;
    private final List<HubInstance> hubs = new ArrayList<>();
    private Haproxy proxy;
    /** How many times the whole topology has been started: 1 at first. */
    private int generation;

    private ClusterTopology(String name, Database database) {
        this.name = name;
        this.database = database;
    }

    /** Starts {@code instances} hubs and HAProxy; returns when every hub answers and the grid has them all. */
    public static ClusterTopology start(String name, int instances) {
        Path workDir = Path.of("target", "cluster", name);
        Database database = Database.createFresh(name);
        ClusterTopology topology = new ClusterTopology(name, database);
        try {
            topology.boot(instances, workDir);
            return topology;
        } catch (IOException e) {
            topology.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            topology.close();
            throw e;
        }
    }

    private void boot(int instances, Path workDir) throws IOException {
        generation++;
        Files.createDirectories(workDir);
        // The archive Arquillian deploys; its file name gives the context root, /crosslink-hub.
        Path war = workDir.resolve("crosslink-hub.war");
        HubDeployment.withTestApp().as(ZipExporter.class).exportTo(war.toFile(), true);

        List<Integer> httpPorts = LoopbackPorts.take(instances);
        List<Integer> gridPorts = LoopbackPorts.take(instances);
        DataGrid grid = new DataGrid("crosslink-hub-" + name, gridPorts);
        for (int i = 0; i < instances; i++) {
            String hubName = "hub-" + (i + 1) + (generation == 1 ? "" : "-start-" + generation);
            hubs.add(HubInstance.launch(hubName, war, workDir, httpPorts.get(i), gridPorts.get(i), grid,
                    database.jvmOptions()));
            if (i == 0) {
                hubs.get(0).awaitGridSize(1, STARTUP);
            }
        }
        proxy = Haproxy.start(hubs, workDir);
        for (HubInstance hub : hubs) {
            hub.awaitReady(STARTUP);
        }
        for (HubInstance hub : hubs) {
            hub.awaitGridSize(instances, STARTUP);
        }
    }

    /**
     * Every hub stopped (SIGTERM; any already killed stays dead) and the proxy with them, then
     * {@code instances} hubs started from nothing on the same database: a new grid, as after a
     * whole-cluster outage.
     */
    public void restartFromNothing(int instances) {
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
        hubs.parallelStream().forEach(HubInstance::close);
        hubs.clear();
        try {
            boot(instances, Path.of("target", "cluster", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public List<HubInstance> hubs() {
        return List.copyOf(hubs);
    }

    public HubInstance hub(int index) {
        return hubs.get(index);
    }

    public Haproxy proxy() {
        return proxy;
    }

    /** The JDBC URL of this topology's own database. */
    public String databaseUrl() {
        return database.url();
    }

    /** Stops HAProxy, then every hub (SIGTERM), then drops the database. */
    @Override
    public void close() {
        if (proxy != null) {
            proxy.close();
        }
        hubs.parallelStream().forEach(HubInstance::close);
        database.drop();
    }

    /**
     * A database of one topology, created over JDBC in the server that scripts/with-postgres runs
     * (hub.pg.url from the postgres profile, else HUB_PG_URL), owned by its role {@code hub}.
     */
    record Database(String serverUrl, String name, String user, String password) {

        static Database createFresh(String topology) {
            String url = setting("hub.pg.url", "HUB_PG_URL");
            if (url == null || !url.startsWith("jdbc:postgresql://")) {
                throw new IllegalStateException("no PostgreSQL for the cluster tests (hub.pg.url / HUB_PG_URL: " + url
                        + "); run them as `scripts/with-postgres mvn verify -Ppostgres`");
            }
            String user = orDefault(setting("hub.pg.user", "HUB_PG_USER"), "hub");
            String password = orDefault(setting("hub.pg.password", "HUB_PG_PASSWORD"), "hub");
            String name = ("topology_" + topology + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16))
                    .toLowerCase().replaceAll("[^a-z0-9_]", "_");
            Database database = new Database(url, name, user, password);
            database.execute("CREATE DATABASE " + name);
            return database;
        }

        /** The server URL with this database's name in place of the one it named. */
        String url() {
            URI server = URI.create(serverUrl.substring("jdbc:".length()));
            String query = server.getRawQuery() == null ? "" : "?" + server.getRawQuery();
            return "jdbc:postgresql://" + server.getRawAuthority() + "/" + name + query;
        }

        List<String> jvmOptions() {
            return List.of("-Dhub.db.datasource=org.postgresql.ds.PGSimpleDataSource", "-Dhub.db.url=" + url(),
                    "-Dhub.db.user=" + user, "-Dhub.db.password=" + password);
        }

        void drop() {
            try {
                execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (IllegalStateException e) {
                // the server goes away with scripts/with-postgres anyway; say so and move on
                System.err.println("could not drop " + name + ": " + e.getMessage());
            }
        }

        private void execute(String sql) {
            try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
                 Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(sql + " on " + serverUrl + ": " + e.getMessage(), e);
            }
        }

        private static String setting(String property, String environment) {
            String value = System.getProperty(property);
            return value != null && !value.isBlank() ? value : System.getenv(environment);
        }

        private static String orDefault(String value, String fallback) {
            return value == null || value.isBlank() ? fallback : value;
        }
    }
}
