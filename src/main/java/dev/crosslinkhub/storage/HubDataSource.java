package dev.crosslinkhub.storage;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code java:app/jdbc/hub}, the data source of the {@code hub} persistence unit. Its settings come
 * from MicroProfile Config when the application deploys (README.md, "Storage"): by default an H2
 * file in {@code hub.data.dir} that survives restarts and {@code kill -9} (WRITE_DELAY=0 writes
 * each commit through before it returns).
 */
@DataSourceDefinition(
        name = "java:app/jdbc/hub",
        className = "org.h2.jdbcx.JdbcDataSource",
        url = "jdbc:h2:file:${MPCONFIG=hub.data.dir:~/.crosslink-hub}/hub;WRITE_DELAY=0",
        user = "hub",
        password = "hub",
        minPoolSize = 2,
        maxPoolSize = 32)
@ApplicationScoped
public class HubDataSource {
}
