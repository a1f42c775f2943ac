package fi.miksei.searchnode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.node.ClasspathPluginsNode;
import org.elasticsearch.node.Node;
import org.elasticsearch.transport.netty4.Netty4Plugin;

/**
 * One Elasticsearch 8 node in this JVM, for development and the test suite.
 *
 * <p>Elastic's distribution (with its bundled modules) cannot be downloaded here, only
 * Maven Central is reachable, so the node is started from the server jar with its
 * plugins on the classpath ({@link ClasspathPluginsNode}): Netty for HTTP and transport, {@link LuceneAnalysisPlugin} for the analysis
 * the site's indices use, {@link RootInfoPlugin} for {@code GET /} (ping).
 *
 * <p>Arguments: name httpPort transportPort dataDir [seedHosts initialMasters], the
 * last two comma-separated, for a node of a multi-node cluster. One node per process,
 * so that a fault test can kill one.
 */
public final class SearchNode {
    private SearchNode() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 4 && args.length != 6) {
            System.err.println("usage: SearchNode name httpPort transportPort dataDir [seedHosts initialMasters]");
            System.exit(2);
        }
        Path home = Path.of(args[3]).toAbsolutePath();
        Files.createDirectories(home.resolve("config"));
        Settings.Builder settings = Settings.builder()
                .put("cluster.name", "miksei-dev")
                .put("node.name", args[0])
                .put("path.home", home.toString())
                .put("path.data", home.resolve("data").toString())
                .put("path.logs", home.resolve("logs").toString())
                .put("network.host", "127.0.0.1")
                .put("http.port", args[1])
                .put("transport.port", args[2])
                // A laptop's nearly full disk must not turn the indices read-only.
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                // Wagtail's backend and the rebuild's alias swap address indices by wildcard.
                .put("action.destructive_requires_name", false);
        if (args.length == 4) {
            settings.put("discovery.type", "single-node");
        } else {
            settings.putList("discovery.seed_hosts", args[4].split(","));
            settings.putList("cluster.initial_master_nodes", args[5].split(","));
        }
        LogConfigurator.configureESLogging();
        LogConfigurator.configureWithoutConfig(settings.build());

        Node node = new ClasspathPluginsNode(
                settings.build(),
                home.resolve("config"),
                List.of(Netty4Plugin.class, LuceneAnalysisPlugin.class, RootInfoPlugin.class));
        node.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
            stopped.countDown();
        }));
        System.out.println("search node " + args[0] + " listening on http://127.0.0.1:" + args[1]);
        stopped.await();
    }
}
