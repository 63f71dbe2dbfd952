import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.neo4j.server.CommunityBootstrapper;

/**
 * Runs a Neo4j Community DBMS (Bolt + HTTP + Neo4j Browser) in this JVM for idgraph's local
 * development and tests. Everything lives under one home folder (default .neo4j/dev); settings
 * come from system properties so the Node side can start several instances side by side.
 *
 *   -Didgraph.home=.neo4j/dev -Didgraph.bolt=127.0.0.1:7687 -Didgraph.http=127.0.0.1:7474
 *   -Didgraph.pagecache=256m -Didgraph.txmax=512m
 *
 * Any further -Dneo4j.<setting>=<value> is passed through as a Neo4j setting.
 * SIGTERM / SIGINT shut the DBMS down cleanly (Neo4j's own shutdown hook) before the JVM exits.
 */
public final class IdgraphNeo4j {
    private IdgraphNeo4j() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("idgraph.home", ".neo4j/dev")).toAbsolutePath();
        Files.createDirectories(home.resolve("conf"));
        Files.createDirectories(home.resolve("data"));
        Files.createDirectories(home.resolve("logs"));
        Files.createDirectories(home.resolve("plugins"));
        Path conf = home.resolve("conf").resolve("neo4j.conf");
        if (!Files.exists(conf)) {
            Files.writeString(conf, "# settings are passed by IdgraphNeo4j; see dev/neo4j\n");
        }

        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.directories.data", home.resolve("data").toString());
        settings.put("server.directories.logs", home.resolve("logs").toString());
        settings.put("server.directories.plugins", home.resolve("plugins").toString());
        settings.put("server.bolt.enabled", "true");
        settings.put("server.bolt.listen_address", System.getProperty("idgraph.bolt", "127.0.0.1:7687"));
        settings.put("server.bolt.advertised_address", System.getProperty("idgraph.bolt", "127.0.0.1:7687"));
        settings.put("server.http.enabled", "true");
        settings.put("server.http.listen_address", System.getProperty("idgraph.http", "127.0.0.1:7474"));
        settings.put("server.http.advertised_address", System.getProperty("idgraph.http", "127.0.0.1:7474"));
        settings.put("server.https.enabled", "false");
        // Loopback only, for development and tests: no password to manage (see SECURITY.md).
        settings.put("dbms.security.auth_enabled", "false");
        settings.put("server.memory.pagecache.size", System.getProperty("idgraph.pagecache", "256m"));
        settings.put("dbms.memory.transaction.total.max", System.getProperty("idgraph.txmax", "1g"));
        settings.put("dbms.usage_report.enabled", "false");
        settings.put("db.tx_log.rotation.retention_policy", "2 files");
        // Development and tests: do not wait 10 s for open transactions on shutdown.
        settings.put("db.shutdown_transaction_end_timeout", "2s");
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("neo4j.")) {
                settings.put(name.substring("neo4j.".length()), System.getProperty(name));
            }
        }

        // NeoBootstrapper installs its own shutdown hook: SIGTERM/SIGINT stop the DBMS cleanly.
        CommunityBootstrapper bootstrapper = new CommunityBootstrapper();
        int status = bootstrapper.start(home, conf, settings, false, false);
        if (status != 0) {
            System.err.println("idgraph-neo4j: Neo4j failed to start (status " + status + "); see "
                    + home.resolve("logs"));
            System.exit(status);
        }
        System.out.println("idgraph-neo4j: started bolt://" + settings.get("server.bolt.listen_address")
                + " http://" + settings.get("server.http.listen_address"));
        // The DBMS's non-daemon threads keep the JVM alive until it is stopped.
    }
}
