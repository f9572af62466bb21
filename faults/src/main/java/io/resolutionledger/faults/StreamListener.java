package io.resolutionledger.faults;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A client of one query-side instance's {@code /api/stream} (server-sent events), reading on a thread of its own
 * until its instance ends the stream (or dies) or it is closed; what it received stays, with the last {@code id}, so
 * that a second listener can resume from it on another instance with {@code Last-Event-ID}.
 */
final class StreamListener implements AutoCloseable {

    /** One change as it arrived: the SSE id (the cursor), the kind, and the data's id and event type. */
    record Received(String cursor, String kind, String id, String event) {
    }

    final String name;
    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile boolean connected;
    volatile boolean ended;
    private volatile String lastId;
    private final Thread thread;
    private volatile Stream<String> body;

    StreamListener(String name, String baseUrl, String token, String lastEventId) {
        this.name = name;
        this.lastId = lastEventId;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/stream"))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token).GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        thread = new Thread(() -> read(http, request.build()), "faults-stream-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void read(HttpClient http, HttpRequest request) {
        try {
            HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            connected = response.statusCode() == 200;
            body = response.body();
            String[] current = new String[3];
            for (var lines = body.iterator(); lines.hasNext(); ) {
                String line = lines.next();
                if (line.isEmpty()) {
                    if (current[2] != null) {
                        JsonNode data = Api.JSON.readTree(current[2]);
                        received.add(new Received(current[0], current[1], data.path("id").asText(),
                                data.path("event").asText()));
                        if (current[0] != null) {
                            lastId = current[0];
                        }
                    }
                    current[0] = current[1] = current[2] = null;
                } else if (line.startsWith("id:")) {
                    current[0] = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    current[1] = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    current[2] = line.substring(5).trim();
                }
            }
        } catch (Exception e) {
            // the instance died or the listener was closed: what was received stays
        } finally {
            ended = true;
        }
    }

    /** The id of the last change received: where a reconnect resumes. */
    String lastId() {
        return lastId;
    }

    /** How often a resolution's change caused by {@code event} arrived. */
    long count(String resolutionId, String event) {
        return received.stream().filter(r -> "resolution".equals(r.kind()) && resolutionId.equals(r.id())
                && event.equals(r.event())).count();
    }

    @Override
    public void close() {
        Stream<String> b = body;
        if (b != null) {
            b.close();
        }
        thread.interrupt();
    }
}
