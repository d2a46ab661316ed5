package io.lakehub.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook ingest throughput: {@code wrk} posts one fixed, pre-signed 1 KB JSON event over 32
 * connections for 30 s to {@code POST /api/webhooks/bench} of a hub started with {@code ./lakehub
 * run} (its own process, its own home); prints the sustained acknowledged (202) events per second,
 * the p50/p99 latency of all answers, the answers of 400 and above, and then counts the dataset:
 * it must hold every acknowledged event (plus at most one per connection: requests in flight when
 * wrk stops are committed but their answers are never read). Needs {@code wrk} (Debian package
 * {@code wrk}: {@code apt-get install -y wrk}). Issue 8 asks for at least 5,000 events/s with p99 at
 * most 100 ms; aim 10,000 and 50 ms.
 *
 * <p>The figure is the hub's steady state: the measured window follows {@code --warmup} seconds of
 * the same load (default 120). A commit runs a few hundred times a second, so the JIT compiles the
 * commit path (Parquet writer, catalog transaction) over the first minute or so; the first 30 s
 * after start are measured and printed too ("cold"), not as the figure.
 *
 * <pre>bench/run WebhookBenchmark [--duration 30] [--warmup 120] [--connections 32] [--threads 4]
 *     [--port 18766] [--launcher ./lakehub]</pre>
 */
public final class WebhookBenchmark {
    private static final String SECRET = "bench-only-webhook-secret";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private WebhookBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path launcher = Path.of("lakehub").toAbsolutePath();
        int duration = 30;
        int connections = 32;
        int threads = 4;
        int port = 18_766;
        int warmup = 120;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--launcher" -> launcher = Path.of(args[++i]).toAbsolutePath();
                case "--duration" -> duration = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                default ->
                    throw new IllegalArgumentException("unknown argument " + args[i] + "; use --duration S, --warmup S,"
                            + " --connections N, --threads N, --port P, --launcher PATH");
            }
        }
        if (!onPath("wrk")) {
            System.err.println("wrk is not installed: apt-get install -y wrk (Debian package wrk)");
            System.exit(2);
        }
        Path work = Path.of("bench-work", "webhook").toAbsolutePath();
        deleteTree(work);
        Files.createDirectories(work);
        Path home = work.resolve("home");
        Path config = Files.writeString(work.resolve("lakehub.yaml"), """
                lakehub:
                  pipelines:
                    - id: bench
                      from: webhook
                      into: webhook_events
                      webhook: { secret: "${LAKEHUB_BENCH_WEBHOOK_SECRET}" }
                """);
        byte[] body = event(1024);
        Path bodyFile = Files.write(work.resolve("event.json"), body);
        Path script = Files.writeString(work.resolve("post.lua"), lua(bodyFile, signature(body)));

        System.out.printf(
                Locale.ROOT,
                "WebhookBenchmark %s  %d-byte event, %d connections, %d wrk threads, %d s after %d s of warm-up%n"
                        + "  uptime before: %s%n",
                Instant.now(),
                body.length,
                connections,
                threads,
                duration,
                warmup,
                uptime());
        ProcessBuilder pb = new ProcessBuilder(
                        launcher.toString(),
                        "--home",
                        home.toString(),
                        "--config",
                        config.toString(),
                        "run",
                        "--port",
                        Integer.toString(port))
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("hub.log").toFile());
        pb.environment().put("LAKEHUB_BENCH_WEBHOOK_SECRET", SECRET);
        pb.environment().put("LAKEHUB_INBOX_ENABLED", "false");
        Process hub = pb.start();
        try {
            waitHealthy(hub, port, work);
            // Warm-up (JIT, first commit creates the dataset): its first 30 s printed as the cold figure,
            // not the result; counted in the dataset.
            int cold = Math.max(1, Math.min(30, warmup));
            List<String> first = wrk(script, port, cold, threads, connections);
            long warmAccepted = number(first, "ACCEPTED");
            System.out.printf(
                    Locale.ROOT,
                    "  cold (the first %d s after start, JIT warming): %,.0f events/s, p50 %.1f ms, p99 %.1f ms%n",
                    cold,
                    warmAccepted / (double) cold,
                    number(first, "P50_US") / 1000.0,
                    number(first, "P99_US") / 1000.0);
            // Each wrk run stops with up to one request per connection in flight: committed, never answered.
            int runs = warmup > cold ? 3 : 2;
            if (warmup > cold) {
                warmAccepted += number(wrk(script, port, warmup - cold, threads, connections), "ACCEPTED");
            }
            Duration cpuBefore = cpu(hub);
            List<String> out = wrk(script, port, duration, threads, connections);
            Duration cpuUsed = cpu(hub).minus(cpuBefore);
            long accepted = number(out, "ACCEPTED");
            long refused = number(out, "REFUSED");
            long p50 = number(out, "P50_US");
            long p99 = number(out, "P99_US");
            long stored = count(port);
            long inDataset = stored - warmAccepted;
            double perSecond = accepted / (double) duration;
            System.out.printf(
                    Locale.ROOT,
                    "  acknowledged: %,d events in %d s = %,.0f events/s (required >= 5,000, aim 10,000)%n"
                            + "  latency: p50 %.1f ms, p99 %.1f ms (required <= 100 ms, aim 50 ms)%n"
                            + "  answers of 400 and above: %,d%n"
                            + "  dataset after the run: %,d events (warm-up %,d + measured %,d); acknowledged %,d;"
                            + " difference %d (<= %d in flight at the wrk runs' stops allowed) -> %s%n",
                    accepted,
                    duration,
                    perSecond,
                    p50 / 1000.0,
                    p99 / 1000.0,
                    refused,
                    stored,
                    warmAccepted,
                    inDataset,
                    accepted,
                    inDataset - accepted,
                    runs * connections,
                    inDataset >= accepted && inDataset - accepted <= (long) runs * connections ? "OK" : "MISMATCH");
            double cpuPerEvent = accepted == 0 ? 0 : cpuUsed.toNanos() / 1e6 / accepted;
            System.out.printf(
                    Locale.ROOT,
                    "  hub CPU during the run: %.1f s = %.3f ms per acknowledged event (%d cores here; the hub's"
                            + " CPU alone would allow ~%,.0f events/s on them if nothing else ran)%n",
                    cpuUsed.toNanos() / 1e9,
                    cpuPerEvent,
                    Runtime.getRuntime().availableProcessors(),
                    cpuPerEvent == 0 ? 0 : Runtime.getRuntime().availableProcessors() * 1000 / cpuPerEvent);
            System.out.printf(Locale.ROOT, "  uptime after: %s%n", uptime());
        } finally {
            hub.destroy();
            if (!hub.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                hub.destroyForcibly().waitFor();
            }
        }
    }

    /** CPU time of the hub's process and its children (the launcher may run the JVM as a child). */
    private static Duration cpu(Process hub) {
        Duration total = hub.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
        for (ProcessHandle child : hub.toHandle().descendants().toList()) {
            total = total.plus(child.info().totalCpuDuration().orElse(Duration.ZERO));
        }
        return total;
    }

    /** A JSON object of exactly {@code size} bytes. */
    static byte[] event(int size) {
        String head = "{\"source\":\"bench\",\"kind\":\"order.created\",\"amount\":42.5,\"payload\":\"";
        String tail = "\"}";
        return (head + "x".repeat(size - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
    }

    static String signature(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    /**
     * Sends the fixed body with its fixed signature and runs no Lua per response: a {@code response}
     * callback makes wrk hand every answer to Lua before the connection sends again, which in this
     * closed loop of 32 connections adds the client's time to every request. Acknowledged =
     * completed answers below 400 (the webhook answers 202 and nothing else below 400; the dataset
     * count afterwards checks every one of them), refused = answers of 400 and above.
     */
    static String lua(Path body, String signature) {
        return """
                local f = assert(io.open("%s", "rb"))
                wrk.method = "POST"
                wrk.body = f:read("*a")
                f:close()
                wrk.headers["Content-Type"] = "application/json"
                wrk.headers["X-Hub-Signature-256"] = "%s"
                function done(summary, latency, requests)
                  local refused = summary.errors.status
                  io.write(string.format("ACCEPTED %%d\\nREFUSED %%d\\nP50_US %%d\\nP99_US %%d\\n",
                    summary.requests - refused, refused, latency:percentile(50), latency:percentile(99)))
                end
                """.formatted(body.toString(), signature);
    }

    private static List<String> wrk(Path script, int port, int seconds, int threads, int connections) throws Exception {
        Process p = new ProcessBuilder(
                        "wrk",
                        "-t" + threads,
                        "-c" + connections,
                        "-d" + seconds + "s",
                        "--timeout",
                        "10s",
                        "--latency",
                        "-s",
                        script.toString(),
                        "http://127.0.0.1:" + port + "/api/webhooks/bench")
                .redirectErrorStream(true)
                .start();
        List<String> lines = new ArrayList<>();
        try (var reader = p.inputReader()) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + String.join("\n", lines));
        }
        return lines;
    }

    private static long number(List<String> lines, String name) {
        for (String l : lines) {
            if (l.startsWith(name + " ")) {
                return Long.parseLong(l.substring(name.length() + 1).strip());
            }
        }
        throw new IllegalStateException("wrk printed no " + name + ":\n" + String.join("\n", lines));
    }

    private static long count(int port) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/sql"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"sql\": \"SELECT count(*) FROM webhook_events\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"rows\"\\s*:\\s*\\[\\s*\\[\\s*(\\d+)").matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("counting failed: " + r.statusCode() + " " + r.body());
        }
        return Long.parseLong(m.group(1));
    }

    private static void waitHealthy(Process hub, int port, Path work) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!hub.isAlive()) {
                throw new IllegalStateException(
                        "the hub exited with " + hub.exitValue() + "; see " + work.resolve("hub.log"));
            }
            try {
                HttpResponse<String> r = HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (StartupBenchmark.isUp(r.body())) { // the top-level status, not a component's
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100); // polling a separate process, not a test
        }
        throw new IllegalStateException("the hub was not healthy within 10 minutes; see " + work.resolve("hub.log"));
    }

    private static String uptime() {
        try {
            Process p = new ProcessBuilder("uptime").redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            return s;
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
