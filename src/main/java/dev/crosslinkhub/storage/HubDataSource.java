package dev.crosslinkhub.storage;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code java:app/jdbc/hub}, the data source of the {@code hub} persistence unit. Its settings come
 * from MicroProfile Config when the application deploys (README.md, "Storage"): by default an H2
 * file under {@code ~/.crosslink-hub} that survives restarts and {@code kill -9} (WRITE_DELAY=0
 * writes each commit through before it returns). Payara resolves these {@code ${MPCONFIG=…}}
 * references from system properties and the environment only, before the application's own
 * configuration is read, hence the defaults written here.
 */
@DataSourceDefinition(
        name = "java:app/jdbc/hub",
        className = "${MPCONFIG=hub.db.datasource:org.h2.jdbcx.JdbcDataSource}",
        url = "${MPCONFIG=hub.db.url:jdbc:h2:file:~/.crosslink-hub/hub;WRITE_DELAY=0}",
        user = "${MPCONFIG=hub.db.user:hub}",
        password = "${MPCONFIG=hub.db.password:hub}",
        minPoolSize = 2,
        maxPoolSize = 32)
@ApplicationScoped
public class HubDataSource {
}
