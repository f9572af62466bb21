package io.resolutionledger.query.publication;

import io.resolutionledger.query.support.Http;
import io.resolutionledger.query.support.QuerySideTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Atom feed, parsed by the JDK's XML parser and checked against what RFC 4287 requires. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AtomFeedTest extends QuerySideTest {

    private Http http;

    @BeforeAll
    void record() {
        http = http();
        FirstDmk.recordOnce(ledger(), jdbc);
        awaitProjectionsCaughtUp();
        await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/api/resolutions/" + FirstDmk.LONG).status() == 200);
    }

    private Element fetch(String url) throws Exception {
        HttpResponse<byte[]> response = Http.client().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/atom+xml");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Element root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.body()))
                .getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("feed");
        assertThat(root.getNamespaceURI()).isEqualTo(AtomFeed.NS);
        assertThat(child(root, "id").getTextContent()).startsWith("urn:uuid:");
        Instant.parse(child(root, "updated").getTextContent());
        assertThat(child(root, "author")).isNotNull();
        return root;
    }

    private static String link(Element parent, String rel) {
        NodeList links = parent.getChildNodes();
        for (int j = 0; j < links.getLength(); j++) {
            if (links.item(j) instanceof Element link && "link".equals(link.getLocalName())
                    && rel.equals(link.getAttribute("rel"))) {
                return link.getAttribute("href");
            }
        }
        return null;
    }

    @Test
    void the_feed_lists_published_beschluesse_newest_first_with_ids_dates_and_links() throws Exception {
        List<Instant> updated = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<String> titles = new ArrayList<>();
        List<String> hrefs = new ArrayList<>();
        String next = "http://localhost:" + port + "/api/feed.atom";
        int pages = 0;
        while (next != null) {
            Element root = fetch(next);
            pages++;
            NodeList entries = root.getElementsByTagNameNS(AtomFeed.NS, "entry");
            assertThat(entries.getLength()).isLessThanOrEqualTo(AtomFeed.ENTRIES);
            for (int i = 0; i < entries.getLength(); i++) {
                Element entry = (Element) entries.item(i);
                String id = child(entry, "id").getTextContent();
                assertThat(URI.create(id).isAbsolute()).isTrue();
                assertThat(ids.add(id)).as("unique id " + id).isTrue();
                updated.add(Instant.parse(child(entry, "updated").getTextContent()));
                titles.add(child(entry, "title").getTextContent());
                List<String> alternates = new ArrayList<>();
                NodeList links = entry.getElementsByTagNameNS(AtomFeed.NS, "link");
                for (int j = 0; j < links.getLength(); j++) {
                    Element link = (Element) links.item(j);
                    hrefs.add(link.getAttribute("href"));
                    if ("alternate".equals(link.getAttribute("rel"))) {
                        alternates.add(link.getAttribute("type") + " " + link.getAttribute("href"));
                    }
                }
                assertThat(alternates).anyMatch(a -> a.startsWith("application/akn+xml http") && a.endsWith("/akn"))
                        .anyMatch(a -> a.startsWith("application/json http"));
            }
            next = link(root, "next");
        }
        assertThat(pages).isGreaterThanOrEqualTo(1);
        assertThat(updated).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(titles).contains("Beschluss Nr. 1: " + FirstDmk.TITLES[0], "Beschluss Nr. 5: " + FirstDmk.TITLES[4],
                "Beschluss Nr. 1: " + FirstDmk.MARKUP_TITLE);
        assertThat(titles).noneMatch(t -> t.contains("Noch nicht veröffentlicht"));
        // the special session's Beschlüsse were published after the 1st DMK's: they come first
        assertThat(titles.indexOf("Beschluss Nr. 1: " + FirstDmk.MARKUP_TITLE))
                .isLessThan(titles.indexOf("Beschluss Nr. 5: " + FirstDmk.TITLES[4]));
        // the links of the 1st DMK's entries resolve
        for (String href : hrefs.stream().filter(h -> h.contains(FirstDmk.IDS[0]) || h.contains(FirstDmk.SESSION))
                .toList()) {
            HttpResponse<Void> linked = Http.client().send(HttpRequest.newBuilder(URI.create(href))
                    .header("Accept", "*/*").GET().build(), HttpResponse.BodyHandlers.discarding());
            assertThat(linked.statusCode()).as(href).isEqualTo(200);
        }
        assertThat(hrefs).anyMatch(h -> h.endsWith("/api/sessions/" + FirstDmk.SESSION + "/decisions.pdf"));
    }

    private static Element child(Element parent, String name) {
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && name.equals(e.getLocalName())) {
                return e;
            }
        }
        throw new AssertionError("no <" + name + "> in <" + parent.getLocalName() + ">");
    }
}
