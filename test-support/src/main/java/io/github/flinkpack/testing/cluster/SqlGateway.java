package io.github.flinkpack.testing.cluster;

import io.github.flinkpack.testing.redis.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Flink's SQL Gateway as a process next to a {@link LocalFlinkCluster}, and a client of its REST
 * API: sessions, statements, operation status and results, as a CI deploy step uses them.
 */
public final class SqlGateway implements AutoCloseable {

    private static final String MAIN = "org.apache.flink.table.gateway.SqlGateway";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalFlinkCluster cluster;
    private final FlinkProcess process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private SqlGateway(LocalFlinkCluster cluster, FlinkProcess process, int port) {
        this.cluster = cluster;
        this.process = process;
        this.port = port;
    }

    /** Starts a gateway with the cluster's configuration and waits for its REST endpoint. */
    public static SqlGateway start(LocalFlinkCluster cluster) {
        int port = FreePorts.any();
        FlinkProcess process =
                FlinkProcess.start(
                        cluster.dir(),
                        "sql-gateway",
                        List.of("-Xmx384m"),
                        MAIN,
                        List.of(
                                "-Dsql-gateway.endpoint.rest.address=127.0.0.1",
                                "-Dsql-gateway.endpoint.rest.bind-address=127.0.0.1",
                                "-Dsql-gateway.endpoint.rest.port=" + port));
        SqlGateway gateway = new SqlGateway(cluster, process, port);
        try {
            Deadline.await(
                    Duration.ofSeconds(90),
                    "the SQL Gateway at " + gateway.url(),
                    () -> !process.isAlive() || gateway.answers(),
                    () -> process.tail(cluster.dir(), 20));
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "The SQL Gateway exited at start:\n" + process.tail(cluster.dir(), 40));
            }
            return gateway;
        } catch (RuntimeException | Error e) {
            process.close();
            throw e;
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    private boolean answers() {
        try {
            request("GET", "/v1/info", null);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** POST /v1/sessions: a new session; returns its handle. */
    public String openSession() {
        ObjectNode body = JSON.createObjectNode();
        body.put("sessionName", "flinkpack");
        return request("POST", "/v1/sessions", body).path("sessionHandle").asText();
    }

    /** POST .../statements: submits one statement; returns the operation handle. */
    public String submit(String session, String statement) {
        ObjectNode body = JSON.createObjectNode();
        body.put("statement", statement);
        return request("POST", "/v1/sessions/" + session + "/statements", body)
                .path("operationHandle")
                .asText();
    }

    /**
     * Submits a statement and fetches its whole result (polling the operation status and then the
     * result pages until end of stream). Fails with the gateway's error when the statement fails.
     * Returns each row's fields.
     */
    public List<JsonNode> execute(String session, String statement, Duration timeout) {
        String operation = submit(session, statement);
        String base = "/v2/sessions/" + session + "/operations/" + operation;
        String[] status = {""};
        Deadline.await(
                timeout,
                "statement to finish: " + statement,
                () -> {
                    status[0] = request("GET", base + "/status", null).path("status").asText();
                    return !status[0].equals("RUNNING")
                            && !status[0].equals("PENDING")
                            && !status[0].equals("INITIALIZED");
                },
                () -> "status " + status[0]);
        List<JsonNode> rows = new ArrayList<>();
        String next = base + "/result/0?rowFormat=JSON";
        long end = System.nanoTime() + timeout.toNanos();
        while (next != null) {
            JsonNode page = request("GET", next, null);
            String type = page.path("resultType").asText();
            for (JsonNode row : page.path("results").path("data")) {
                rows.add(row.path("fields"));
            }
            if (type.equals("EOS") || !page.hasNonNull("nextResultUri")) {
                break;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError(
                        "Result of '" + statement + "' not complete in " + timeout);
            }
            next = page.path("nextResultUri").asText();
            if (type.equals("NOT_READY")) {
                sleep();
            }
        }
        return rows;
    }

    /** The job id a submitted INSERT reports as its result. */
    public static String jobIdOf(List<JsonNode> insertResult) {
        if (insertResult.isEmpty()) {
            throw new AssertionError("The INSERT returned no job id");
        }
        return insertResult.get(0).path(0).asText();
    }

    private JsonNode request(String method, String path, JsonNode body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url() + path))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        try {
            HttpResponse<String> response =
                    http.send(
                            request.build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() / 100 != 2) {
                throw new SqlGatewayException(
                        method + " " + path, response.statusCode(), response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("SQL Gateway at " + url() + " unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String describe() {
        return process.tail(cluster.dir(), 30);
    }

    @Override
    public void close() {
        process.close();
    }

    /** A gateway answer other than 2xx: the request, the status and the gateway's errors. */
    public static final class SqlGatewayException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SqlGatewayException(String request, int status, String body) {
            super("SQL Gateway answered " + status + " to " + request + ": " + body);
        }
    }
}
