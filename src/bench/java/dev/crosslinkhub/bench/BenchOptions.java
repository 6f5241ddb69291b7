package dev.crosslinkhub.bench;

import java.util.ArrayList;
import java.util.List;

/** The load tool's command line: {@code --name value} or {@code --name=value}. */
final class BenchOptions {

    String url = "http://127.0.0.1:3100";
    /** Every instance's base URL, {@link #url} first: several make the event scenarios measure a cluster. */
    List<String> urls = List.of(url);
    String token = "";
    String scenario = "all";
    /** Repetitions before the measured run; the first of them is reported as the cold run. */
    int warmup = 2;
    Integer clients;
    Integer events;
    Integer rate;
    Integer slowClients;
    Integer padding;
    /** The mixed scenario's agents, seconds of load and pool of issues. */
    Integer agents;
    Integer durationSeconds;
    Integer issues;
    /** Concurrent HTTP senders of the REST scenario. */
    int senders = 32;
    /** WebSocket handshakes in flight at once. */
    int connectBatch = 100;
    int idleBatch = 250;
    /** How long to wait, after the firing ended, for every client to account for every event. */
    int deadlineSeconds = 30;
    /** The server's process id, to report its CPU use (same machine only); 0 = unknown. */
    long serverPid;
    int clientThreads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    static BenchOptions parse(String[] args) {
        List<String> words = new ArrayList<>();
        for (String arg : args) {
            // exec:java may hand the whole of bench.args over as one argument
            for (String word : arg.trim().split("\\s+")) {
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
        }
        BenchOptions options = new BenchOptions();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("--help") || word.equals("-h")) {
                throw new IllegalArgumentException("help");
            }
            if (!word.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + word + "'");
            }
            String name;
            String value;
            int equals = word.indexOf('=');
            if (equals > 0) {
                name = word.substring(2, equals);
                value = word.substring(equals + 1);
            } else {
                name = word.substring(2);
                if (i + 1 >= words.size()) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                value = words.get(++i);
            }
            switch (name) {
                case "url" -> options.urls = urls(value);
                case "token" -> options.token = value;
                case "scenario" -> options.scenario = value;
                case "warmup" -> options.warmup = nonNegative(name, value);
                case "clients" -> options.clients = positive(name, value);
                case "events" -> options.events = positive(name, value);
                case "rate" -> options.rate = nonNegative(name, value);
                case "slow" -> options.slowClients = nonNegative(name, value);
                case "padding" -> options.padding = nonNegative(name, value);
                case "agents" -> options.agents = positive(name, value);
                case "duration" -> options.durationSeconds = positive(name, value);
                case "issues" -> options.issues = positive(name, value);
                case "senders" -> options.senders = positive(name, value);
                case "connect-batch" -> options.connectBatch = positive(name, value);
                case "idle-batch" -> options.idleBatch = positive(name, value);
                case "deadline" -> options.deadlineSeconds = positive(name, value);
                case "client-threads" -> options.clientThreads = positive(name, value);
                case "server-pid" -> options.serverPid = positive(name, value);
                default -> throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        if (options.agents != null && options.agents > 100_000) {
            throw new IllegalArgumentException("--agents must be at most 100000");
        }
        for (String url : options.urls) {
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw new IllegalArgumentException("--url must start with http:// or https://");
            }
        }
        options.url = options.urls.get(0);
        if (options.urls.size() > 1 && options.serverPid > 0) {
            throw new IllegalArgumentException("--server-pid names one server; with several --url the tool asks each instance for its pid");
        }
        return options;
    }

    /** A comma-separated list of base URLs, one per instance. */
    private static List<String> urls(String value) {
        List<String> urls = new ArrayList<>();
        for (String part : value.split(",")) {
            String url = part.trim();
            url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            if (url.isEmpty()) {
                throw new IllegalArgumentException("--url has an empty entry in '" + value + "'");
            }
            if (urls.contains(url)) {
                // the same instance twice would count its sessions twice
                throw new IllegalArgumentException("--url names " + url + " twice");
            }
            urls.add(url);
        }
        return List.copyOf(urls);
    }

    static String usage() {
        return """
                usage: HubBenchmark --url http://127.0.0.1:3100[,http://host:port/…] --token T --scenario NAME|all [options]
                  --url U1,U2,…      several instances of one cluster: the event scenarios spread their clients over them
                                     round-robin and fire on all of them at once (idle-10000 and mixed need one --url)
                  --warmup N         repetitions before the measured (warm) run; the first is reported as cold (default 2)
                  --clients N        override the scenario's client count (mixed: its consoles, default 20)
                  --events N         override the scenario's event count
                  --rate R           override the firing rate in events/s (0 = full speed)
                  --slow N           override the number of clients that stop reading (slow-10-of-100)
                  --padding N        characters added to agent_id to make messages bigger (slow-10-of-100: 8192)
                  --senders N        concurrent HTTP senders of the rest-* scenarios (default 32)
                  --agents N         agents of mixed, each a thread working through the REST API (default 50)
                  --duration S       seconds each mixed run keeps its agents working (default 20)
                  --issues N         issues in the pool mixed's agents claim from (default 200)
                  --connect-batch N  WebSocket handshakes in flight at once (default 100)
                  --idle-batch N     handshakes per batch in idle-10000 (default 250)
                  --deadline S       seconds to wait after firing for every client to finish (default 30)
                  --client-threads N threads of the shared HttpClient (default max(4, 2 x cores))
                  --server-pid P     the server's pid, when it runs on this machine: reports its CPU per message
                                     (with several --url, each instance on this machine is asked for its pid)
                scenarios: """ + String.join(", ", Scenario.names());
    }

    private static int positive(String name, String value) {
        int n = integer(name, value);
        if (n < 1) {
            throw new IllegalArgumentException("--" + name + " must be at least 1");
        }
        return n;
    }

    private static int nonNegative(String name, String value) {
        int n = integer(name, value);
        if (n < 0) {
            throw new IllegalArgumentException("--" + name + " must not be negative");
        }
        return n;
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " needs a whole number, not '" + value + "'");
        }
    }
}
