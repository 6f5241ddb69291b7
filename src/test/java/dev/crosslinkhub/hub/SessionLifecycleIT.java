package dev.crosslinkhub.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.Await;
import dev.crosslinkhub.support.DatabasePerServer;
import dev.crosslinkhub.support.DeploymentAddress;
import dev.crosslinkhub.support.HubClient;
import dev.crosslinkhub.support.HubDeployment;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sessions leave the registry however they end, and a shutdown says goodbye with 1001 and leaves
 * no stalled reader connected: one test, in phases, on a server of its own that it starts and
 * shuts down.
 */
@ExtendWith(DatabasePerServer.class) // before Arquillian starts the server
@ExtendWith(ArquillianExtension.class)
class SessionLifecycleIT {

    private static final String HUB = "hub";

    @Deployment(name = HUB, managed = false, testable = false)
    static WebArchive deployment() {
        return HubDeployment.withTestApp();
    }

    @ArquillianResource
    Deployer deployer;

    @ArquillianResource
    @OperateOnDeployment(HUB)
    DeploymentAddress hub;

    @Test
    void sessionsLeaveTheRegistryHoweverTheyEndAndAShutdownSaysGoingAway() {
        deployer.deploy(HUB);
        boolean deployed = true;
        List<HubClient> clients = new ArrayList<>();
        try {
            HubClient survivor = closedAndCutSessionsLeaveTheRegistry(hub.api(), clients);
            List<HubClient> stalled = readersThatStopReading(hub.api(), survivor, clients);
            deployed = false;
            shutdownClosesTheRestWithGoingAway(survivor, stalled);
        } finally {
            clients.forEach(HubClient::close);
            if (deployed) {
                deployer.undeploy(HUB);
            }
        }
    }

    /** Six sessions, ended every way a session ends; returns the one left open. */
    private static HubClient closedAndCutSessionsLeaveTheRegistry(Api api, List<HubClient> clients) {
        for (int i = 0; i < 6; i++) {
            clients.add(HubClient.connect(api.webSocketUri()));
        }
        Await.until("6 sessions open", () -> api.openSessions() == 6);

        clients.get(0).close();
        clients.get(1).send("{\"type\":\"subscribe\",\"channels\":[\"locks\"]}").close();
        clients.get(2).abort();
        Await.until("3 sessions left", () -> api.openSessions() == 3);
        clients.get(4).abort();
        clients.get(5).close();
        Await.until("1 session left", () -> api.openSessions() == 1);
        HubClient survivor = clients.get(3);
        survivor.barrier();
        return survivor;
    }

    /**
     * Three readers that stop reading while 8 MB of events are sent to each: their sockets fill and
     * the hub's sends to them stall, while the survivor (which reads) gets every event.
     */
    private static List<HubClient> readersThatStopReading(Api api, HubClient survivor, List<HubClient> clients) {
        survivor.subscribe("orders").barrier();
        List<HubClient> stalled = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HubClient reader = HubClient.connect(api.webSocketUri());
            clients.add(reader);
            stalled.add(reader);
            reader.subscribe("orders").barrier();
            reader.pause();
        }
        int before = survivor.count();
        for (int first = 1; first <= 1000; first += 100) {
            api.post("api/v1/test-events/orders?count=100&first=" + first + "&padding=8192", "");
            survivor.await(before + first + 99);
        }
        return stalled;
    }

    /**
     * Stuck sockets hold nobody up: the reader that reads hears 1001, and each stalled reader,
     * reading again, finds its connection ended (the hub cuts what has not drained, rather than
     * leave it to the process' exit).
     */
    private void shutdownClosesTheRestWithGoingAway(HubClient survivor, List<HubClient> stalled) {
        deployer.undeploy(HUB);
        Await.until("the server closed the reading session", survivor::isClosed);
        assertEquals(1001, survivor.closeCode(), "going away");
        for (HubClient reader : stalled) {
            reader.resume();
            Await.until("a stalled reader, reading again, finds its connection closed", reader::isClosed);
        }
    }
}
