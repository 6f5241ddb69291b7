package dev.crosslinkhub.operations;

import dev.crosslinkhub.api.TokenLength;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Run by {@code mvn -Pstart package} before Payara Micro starts: the two mistakes a first run
 * meets (the port taken, the database held by another hub) said in one line with the fix. Payara
 * logs them as stack traces in its log file, and then keeps running without the hub. It also
 * makes the data folder, which Payara's log file goes into before the hub ever runs.
 * Arguments: the port, the H2 database path (without {@code .mv.db}), and the configured API
 * token, if any (too short a one would stop the application after Payara is up).
 */
public final class StartCheck {

    /** H2's "Database may be already in use". */
    private static final int DATABASE_ALREADY_OPEN = 90020;

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        String database = args[1];
        String token = args.length > 2 ? args[2].trim() : "";
        if (!token.isEmpty() && TokenLength.refusal("hub.api-token", token) != null) {
            fail(TokenLength.refusal("hub.api-token", token));
        }
        Path folder = Path.of(database).toAbsolutePath().getParent();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            fail("cannot make the data folder " + folder + " (" + e.getMessage() + "): start with -Dhub.data.dir=<a folder you may write>");
        }
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            probe.setReuseAddress(true);
        } catch (IOException taken) {
            fail("port " + port + " on 127.0.0.1 is taken (another hub?): stop it, or start on another with -Dhub.port=" + (port + 1));
        }
        // IFEXISTS: a database that does not exist yet is not made here, only asked about.
        try (var connection = DriverManager.getConnection("jdbc:h2:file:" + database + ";IFEXISTS=TRUE", "hub", "hub")) {
            connection.isValid(1);
        } catch (SQLException e) {
            if (e.getErrorCode() == DATABASE_ALREADY_OPEN) {
                fail("the database " + database + ".mv.db is open in another hub: stop that one, or start with -Dhub.data.dir=<another folder>");
            }
            // any other answer (no database yet, other credentials) is the hub's to deal with
        }
    }

    private static void fail(String problem) {
        System.err.println("crosslink-hub cannot start: " + problem);
        System.exit(1);
    }

    private StartCheck() {
    }
}
