package dev.crosslinkhub.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DashboardHostTest {

    @Test
    void theHubsOwnPathsStayTheHubsOnTheDashboardsHost() {
        for (String path : new String[] {"/api", "/api/v1/issues", "/ws", "/WS", "/ws;jsessionid=1", "/ws/", "/health/ready", "/metrics"}) {
            assertTrue(DashboardHost.hubPath(path), path);
        }
        for (String path : new String[] {"/", "/issues/42", "/agents", "/assets/index-1.js", "/usage", "/apis", "/wsx"}) {
            assertFalse(DashboardHost.hubPath(path), path);
        }
    }

    @Test
    void theHostNameIsTheHeaderWithoutItsPort() {
        assertEquals("dashboard.localhost", DashboardHost.hostName("dashboard.localhost:3100"));
        assertEquals("dashboard.localhost", DashboardHost.hostName(" dashboard.localhost "));
        assertEquals("[::1]:3100", DashboardHost.hostName("[::1]:3100"));
        assertEquals("", DashboardHost.hostName(null));
    }
}
