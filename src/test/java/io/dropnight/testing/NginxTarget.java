package io.dropnight.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * A real nginx as a foreign "staging" target (issue 8): a route layout unlike Dropnight's
 * ({@code /v2/auth/login}, {@code /v2/browse}, {@code /v2/shows/{id}}, {@code /v2/watch/{id}},
 * {@code /v2/watch/{watchId}/ping}), a {@code limit_req} that sheds part of a surge, and a branded
 * error page served <em>with status 200</em> ({@code error_page 429 =200 /oops.html}), so only its
 * marker tells it apart. Its access log records, per request, the {@code X-Scenario} label, the
 * method, the route, the status and {@code $limit_req_status} (REJECTED when shed); a second log
 * ({@link #viewersLog}) is nginx's combined format with the {@code X-Viewer} header appended.
 *
 * <p>Limited routes sit in a front server that proxies to a second server block, because
 * {@code return} runs before {@code limit_req} (rewrite phase before preaccess). The folder is
 * opened to mode 755: nginx's workers run as an unprivileged user. Close it to stop nginx.
 */
public final class NginxTarget implements AutoCloseable {
    /** The marker in the branded error page's body. */
    public static final String ERROR_PAGE_MARKER = "oops-the-drop-was-too-popular";
    public static final String DEBIAN_PACKAGE = "nginx-light";

    /**
     * The catalogue's ids. Numbers, or opaque strings as most real catalogues have them (a show
     * {@code show-7c1e}, episodes {@code e106}, a UUID, {@code e108}): the harness must send back
     * whatever the answer gave, unchanged.
     */
    /** The page nginx serves, with status 200, for a request it sheds. */
    public enum ShedPage {
        /** A branded HTML page whose body holds {@link #ERROR_PAGE_MARKER}. */
        HTML("oops.html", "text/html"),
        /** A GraphQL-style JSON answer: {@code {"data": null, "errors": [{"extensions": {"code": "RATE_LIMITED"}}]}}. */
        JSON_ERRORS("oops.json", "application/json");

        private final String file;
        private final String type;

        ShedPage(String file, String type) {
            this.file = file;
            this.type = type;
        }
    }

    public enum Ids {
        NUMBERS("42", List.of("4201", "4202", "4203")),
        STRINGS("show-7c1e", List.of("e106", "3f1c2a9e-8d4b-4c1e-9a7f-2b6d5e8c1a03", "e108"));

        private final String show;
        private final List<String> episodes;

        Ids(String show, List<String> episodes) {
            this.show = show;
            this.episodes = episodes;
        }

        /** The last season's episode ids, in order; the last is the final episode. */
        public List<String> episodes() {
            return episodes;
        }

        private String json(String id) {
            return this == NUMBERS ? id : "\"" + id + "\"";
        }
    }

    private final Process process;
    private final Path dir;
    private final int port;

    private NginxTarget(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /**
     * Starts nginx in a folder of its own under the system's temporary folder (whose parents its
     * workers can traverse, unlike a test's private temporary folder); skips the test when nginx is
     * missing (fails it under CI=true). {@link #close()} stops nginx; the folder (logs) is left for
     * the test to read and is removed at JVM exit.
     *
     * @param dropAt          the drop instant its home page ({@code /v2/browse}) announces
     * @param ratePerSecond   the {@code limit_req} rate (one key: every request comes from 127.0.0.1)
     * @param burst           requests over the rate let through at once before shedding starts
     */
    public static NginxTarget start(Instant dropAt, int ratePerSecond, int burst) throws IOException {
        return start(dropAt, ratePerSecond, burst, Ids.NUMBERS);
    }

    /** As {@link #start(Instant, int, int)}, with the catalogue's ids numbers or strings. */
    public static NginxTarget start(Instant dropAt, int ratePerSecond, int burst, Ids ids) throws IOException {
        return start(dropAt, ratePerSecond, burst, ids, ShedPage.HTML);
    }

    /** As {@link #start(Instant, int, int, Ids)}, shedding with {@code shedPage}. */
    public static NginxTarget start(Instant dropAt, int ratePerSecond, int burst, Ids ids, ShedPage shedPage) throws IOException {
        Path nginx = executable();
        Path dir = Files.createTempDirectory("dropnight-nginx-");
        deleteAtExit(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(www.resolve("oops.html"), "<!doctype html><html><body><main id=\"" + ERROR_PAGE_MARKER
                + "\"><h1>Too popular!</h1><p>We are letting viewers in a few at a time. Try again.</p></main></body></html>\n");
        Files.writeString(www.resolve("oops.json"), "{\"data\":null,\"errors\":[{\"message\":\"Too popular, try again\","
                + "\"extensions\":{\"code\":\"RATE_LIMITED\"}}]}\n");
        for (Path p : List.of(www, www.resolve("oops.html"), www.resolve("oops.json"))) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
        }
        int front = FreePort.next();
        int back = FreePort.next();
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, conf(dir, front, back, dropAt, ratePerSecond, burst, ids, shedPage));
        Process p = new ProcessBuilder(nginx.toString(), "-p", dir.toString(), "-c", conf.toString(),
                "-e", dir.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        NginxTarget target = new NginxTarget(p, dir, front);
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !p.isAlive() || accepts(front) && accepts(back));
            if (!p.isAlive()) {
                throw new IOException("nginx exited with " + p.exitValue() + ": " + Files.readString(dir.resolve("nginx.out"))
                        + readIfExists(dir.resolve("error.log")));
            }
        } catch (IOException | RuntimeException e) {
            target.close();
            throw e;
        }
        return target;
    }

    private static String conf(Path dir, int front, int back, Instant dropAt, int rate, int burst, Ids ids, ShedPage page) {
        String tmp = dir.resolve("tmp").toString();
        String www = dir.resolve("www").toString();
        return String.format(Locale.ROOT, """
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                events { worker_connections 4096; }
                http {
                    client_body_temp_path %2$s/body;
                    proxy_temp_path %2$s/proxy;
                    fastcgi_temp_path %2$s/fastcgi;
                    uwsgi_temp_path %2$s/uwsgi;
                    scgi_temp_path %2$s/scgi;
                    # One key for every request (all come from 127.0.0.1): the gateway's total rate.
                    limit_req_zone $binary_remote_addr zone=surge:1m rate=%6$dr/s;
                    # $request: the original request line (an error_page redirect turns the method of a shed POST into GET).
                    log_format routes '$http_x_scenario $request $status $limit_req_status';
                    # combined, with the viewer's id header appended; the harness's own calls left out (learn night).
                    log_format viewers '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent '
                                       '"$http_referer" "$http_user_agent" "$http_x_viewer"';
                    map $http_x_scenario $viewer_request { harness 0; default 1; }
                    server {
                        listen 127.0.0.1:%4$d;
                        access_log %1$s/access.log routes;
                        access_log %1$s/viewers.log viewers if=$viewer_request;
                        limit_req_status 429;
                        error_page 429 =200 /%15$s;
                        location = /%15$s { internal; root %3$s; default_type %16$s; }
                        location /v2/ {
                            limit_req zone=surge burst=%7$d nodelay;
                            proxy_pass http://127.0.0.1:%5$d;
                        }
                    }
                    server {
                        listen 127.0.0.1:%5$d;
                        access_log off;
                        default_type application/json;
                        location = /v2/auth/login { return 200 '{"accessToken":"staging-token"}'; }
                        location = /v2/browse {
                            return 200 '{"hero":{"showId":%9$s,"lastEpisode":%10$s,"premiereAt":"%8$s"}}';
                        }
                        location = /v2/shows/%11$s {
                            return 200 '{"show":{"id":%9$s,"episodes":[{"id":%12$s},{"id":%13$s},{"id":%10$s}]}}';
                        }
                        location ~ ^/v2/watch/([A-Za-z0-9-]+)/ping$ { return 204; }
                        location ~ ^/v2/watch/(%14$s)$ { return 200 '{"watch":{"id":"w-$1"}}'; }
                    }
                }
                """, dir, tmp, www, front, back, rate, burst, dropAt,
                ids.json(ids.show), ids.json(ids.episodes.get(2)), ids.show, ids.json(ids.episodes.get(0)),
                ids.json(ids.episodes.get(1)), String.join("|", ids.episodes), page.file, page.type);
    }

    /**
     * The access log in nginx's combined format with the {@code X-Viewer} header appended as a quoted
     * field ({@code learn night --viewer extra:1}), without the harness's own calls (X-Scenario harness).
     */
    public Path viewersLog() {
        return dir.resolve("viewers.log");
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The access log's lines, each {@code scenario method uri protocol status limitReqStatus}. */
    public List<String[]> accessLog() throws IOException {
        Path log = dir.resolve("access.log");
        if (!Files.exists(log)) {
            return List.of();
        }
        return Files.readAllLines(log).stream().map(l -> l.split(" ")).toList();
    }

    /** Requests per route (ids replaced by {id}) whose X-Scenario is not {@code excludedScenario}. */
    public Map<String, Long> requestsPerRoute(String excludedScenario) throws IOException {
        return accessLog().stream().filter(f -> !f[0].equals(excludedScenario))
                .collect(Collectors.groupingBy(f -> f[1] + " " + route(f[2]), TreeMap::new, Collectors.counting()));
    }

    /** Requests nginx shed ({@code $limit_req_status} REJECTED) whose X-Scenario is not {@code excludedScenario}. */
    public long shed(String excludedScenario) throws IOException {
        return accessLog().stream().filter(f -> !f[0].equals(excludedScenario) && f[5].equals("REJECTED")).count();
    }

    /** {@code /v2/shows/42} is {@code /v2/shows/{id}}; {@code /v2/watch/w-e108/ping} is {@code /v2/watch/{id}/ping}. */
    public static String route(String uri) {
        return uri.replaceAll("/v2/(shows|watch)/[A-Za-z0-9-]+", "/v2/$1/{id}");
    }

    /**
     * Plays nginx answered with the stream (status 200 and not shed; a shed request is the error
     * page, also with 200), per episode id as the request sent it, excluding {@code excludedScenario}.
     */
    public Map<String, Long> playsStarted(String excludedScenario) throws IOException {
        return accessLog().stream()
                .filter(f -> !f[0].equals(excludedScenario) && f[1].equals("POST") && f[2].matches("/v2/watch/[^/]+")
                        && f[4].equals("200") && !f[5].equals("REJECTED"))
                .collect(Collectors.groupingBy(f -> f[2].substring("/v2/watch/".length()), TreeMap::new, Collectors.counting()));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: nginx's fast shutdown
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Debian installs nginx in /usr/sbin, which a non-root user's PATH often lacks; otherwise PATH decides. */
    static Path executable() {
        Path sbin = Path.of("/usr/sbin/nginx");
        return Files.isExecutable(sbin) ? sbin : ExternalTool.require(DEBIAN_PACKAGE, "nginx");
    }

    private static void deleteAtExit(Path dir) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not remove " + dir + ": " + e.getMessage());
            }
        }, "nginx-target-cleanup"));
    }

    private static String readIfExists(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p) : "";
    }
}
