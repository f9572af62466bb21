package io.resolutionledger.query.security;

import io.resolutionledger.query.support.QuerySideTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One address floods the live stream: it gets its share and then 429s, while other addresses still connect until
 * the instance is full (503); both refusals are problem details with {@code Retry-After}; a slot comes free when a
 * client goes, and no connection outlives its maximum lifetime. The clients are raw sockets bound to different
 * loopback addresses (127.0.0.2, …), so the server sees different client addresses.
 */
class StreamConnectionLimitTest extends QuerySideTest {

    @Autowired
    private StreamConnectionLimitFilter filter;

    private StreamLimitProperties defaults;
    /** streams other tests left open: the global cap counts them too */
    private int base;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void lowLimits() {
        defaults = filter.limits();
        base = filter.open();
        filter.setLimits(new StreamLimitProperties(3, base + 6, Duration.ofMinutes(5), Duration.ofSeconds(7)));
    }

    @AfterEach
    void closeAndRestore() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        filter.setLimits(defaults);
        await().atMost(Duration.ofSeconds(20)).until(() -> filter.open() <= base);
    }

    @Test
    void one_address_flooding_gets_its_share_and_the_others_still_connect() throws IOException {
        for (int i = 0; i < 3; i++) {
            assertThat(open("127.0.0.1").status()).as("connection " + (i + 1) + " of the flooding address").isEqualTo(200);
        }
        Answer refused = open("127.0.0.1");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers()).containsEntry("retry-after", "7");
        assertThat(refused.headers().get("content-type")).startsWith("application/problem+json");
        assertThat(refused.body()).contains("\"code\":\"RATE_LIMITED\"");

        assertThat(open("127.0.0.2").status()).as("another address still connects").isEqualTo(200);
        assertThat(open("127.0.0.3").status()).isEqualTo(200);
        assertThat(open("127.0.0.3").status()).isEqualTo(200);

        Answer full = open("127.0.0.4");
        assertThat(full.status()).as("the instance is full").isEqualTo(503);
        assertThat(full.headers()).containsEntry("retry-after", "7");
        assertThat(full.body()).contains("\"code\":\"STREAM_CAPACITY_REACHED\"");

        // a client that goes frees its slot (seen by the server at the next heartbeat at the latest)
        sockets.get(0).close();
        await().atMost(Duration.ofSeconds(20)).until(() -> filter.open() == base + 5);
        assertThat(open("127.0.0.1").status()).isEqualTo(200);
    }

    @Test
    void no_connection_outlives_its_maximum_lifetime() throws IOException {
        filter.setLimits(new StreamLimitProperties(3, base + 6, Duration.ofSeconds(2), Duration.ofSeconds(7)));
        Answer answer = open("127.0.0.5");
        assertThat(answer.status()).isEqualTo(200);
        Socket socket = sockets.get(sockets.size() - 1);
        socket.setSoTimeout(20_000);
        await().atMost(Duration.ofSeconds(20)).until(() -> filter.open() == base);
        // the server ended the response: the client reads to its end
        BufferedReader reader = answer.reader();
        String line;
        while ((line = reader.readLine()) != null) {
            assertThat(line).doesNotContain("Exception");
        }
    }

    private record Answer(int status, Map<String, String> headers, String body, BufferedReader reader) {
    }

    /** GET /api/stream from the given local address; reads the status, headers and (for a refusal) the body. */
    private Answer open(String from) throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String statusLine = in.readLine();
        assertThat(statusLine).as("status line").startsWith("HTTP/1.1 ");
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(), header.substring(colon + 1).trim());
        }
        String body = "";
        if (status != 200) {
            StringBuilder text = new StringBuilder();
            // chunked or sized: read what the refusal sent (a small JSON document) up to its closing brace
            int c;
            while ((c = in.read()) != -1) {
                text.append((char) c);
                if (text.indexOf("}") >= 0 && text.toString().trim().endsWith("}")) {
                    break;
                }
            }
            body = text.toString();
        }
        return new Answer(status, headers, body, in);
    }
}
