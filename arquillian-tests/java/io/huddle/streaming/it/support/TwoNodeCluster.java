package io.huddle.streaming.it.support;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.awaitility.Awaitility.await;

/**
 * Two Huddle nodes and the broker between them, started once for every cluster test of a run and stopped after
 * the last: node A and node B (Liberty servers created by {@code mvn verify -Pcluster}, the same WAR, one shared
 * PostgreSQL database) and an ActiveMQ Artemis broker process. A test class uses it with
 * {@code @ExtendWith(TwoNodeCluster.class)} and reaches it through {@link #get()}.
 */
public final class TwoNodeCluster implements BeforeAllCallback {

    /** The channel subscriptions a user may hold on the test cluster. */
    public static final int CHANNELS_PER_USER = 3;

    /** The user the cluster's nodes take for an administrator. */
    public static final String ADMIN = "cluster-admin";

    private static Nodes nodes;

    /** The running cluster; only valid inside a test class extended with this. */
    public static Nodes get() {
        if (nodes == null) {
            throw new IllegalStateException("the cluster is not started: extend the test class with TwoNodeCluster");
        }
        return nodes;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (TwoNodeCluster.class) {
            if (nodes == null) {
                Nodes started = new Nodes();
                started.start();
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(TwoNodeCluster.class.getName(),
                        (ExtensionContext.Store.CloseableResource) () -> {
                            started.stop();
                            nodes = null;
                        });
                nodes = started;
            }
        }
    }

    /** The processes of the cluster. */
    public static final class Nodes {
        public final URL a;
        public final URL b;
        public final ArtemisBroker broker;
        private final LibertyProcess nodeA;
        private final LibertyProcess nodeB;

        Nodes() throws MalformedURLException {
            a = new URL("http://127.0.0.1:" + Integer.getInteger("huddle.cluster.a.http.port") + "/");
            b = new URL("http://127.0.0.1:" + Integer.getInteger("huddle.cluster.b.http.port") + "/");
            Path wlp = Path.of(System.getProperty("huddle.cluster.wlp"));
            nodeA = new LibertyProcess(wlp, "huddle-node-a", a);
            nodeB = new LibertyProcess(wlp, "huddle-node-b", b);
            broker = new ArtemisBroker(Path.of(System.getProperty("huddle.artemis.home")),
                    Path.of(System.getProperty("huddle.artemis.instance")), Integer.getInteger("huddle.artemis.port"));
        }

        void start() throws Exception {
            broker.start();
            Path war = Path.of(System.getProperty("huddle.war"));
            nodeA.stopQuietly();
            nodeB.stopQuietly();
            nodeA.deployFresh(war);
            nodeB.deployFresh(war);
            for (LibertyProcess node : new LibertyProcess[] {nodeA, nodeB}) {
                // Few channel subscriptions per user, so that a test reaches the limit with a handful.
                node.environment("STREAMING_LIMITS_CHANNELS_PER_USER", Integer.toString(CHANNELS_PER_USER));
                // Expired bans are looked for every second on both nodes, so that they race for each one.
                node.environment("STREAMING_MODERATION_EXPIRY_CHECK", "1s");
            }
            // Node A first: it runs the database migrations before node B looks at the schema.
            nodeA.start();
            nodeB.start();
            awaitSubscribed();
        }

        /** The lines of both nodes' logs ({@code messages.log}) that contain {@code text}. */
        public java.util.List<String> logLines(String text) throws java.io.IOException {
            java.util.List<String> lines = new java.util.ArrayList<>();
            for (LibertyProcess node : new LibertyProcess[] {nodeA, nodeB}) {
                java.nio.file.Path log = node.directory().resolve("logs/messages.log");
                if (java.nio.file.Files.exists(log)) {
                    try (var all = java.nio.file.Files.lines(log)) {
                        all.filter(line -> line.contains(text)).forEach(lines::add);
                    }
                }
            }
            return lines;
        }

        /** Kills node B's JVM with SIGKILL, as a crash would. */
        public void killB() throws Exception {
            nodeB.kill();
        }

        /** Starts node B again (after {@link #killB()}) and waits until both nodes are subscribed. */
        public void startB() throws Exception {
            nodeB.start();
            awaitSubscribed();
        }

        /** Waits until both nodes receive from the broker (after a start or a broker restart). */
        public void awaitSubscribed() {
            for (URL node : new URL[] {a, b}) {
                await("node " + node + " subscribed to the cluster's topic").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200)).until(() -> clusterState(node).getBoolean("subscribed"));
            }
        }

        /** The {@code cluster} part of {@code GET /api/v1/node} of {@code node}. */
        public JsonObject clusterState(URL node) {
            Api.Reply reply = new Api(node).get(ADMIN, "node");
            if (reply.status() != 200) {
                throw new AssertionError("GET /api/v1/node on " + node + ": " + reply);
            }
            return reply.json().getJsonObject("cluster");
        }

        void stop() {
            CompletableFuture<Void> b = CompletableFuture.runAsync(nodeB::stopQuietly);
            nodeA.stopQuietly();
            b.join();
            broker.kill();
        }
    }
}
