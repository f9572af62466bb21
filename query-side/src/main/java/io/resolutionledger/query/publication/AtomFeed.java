package io.resolutionledger.query.publication;

import io.resolutionledger.query.publication.Decisions.Decision;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The published Beschlüsse as an Atom 1.0 feed (RFC 4287), newest publication first, written with StAX. Ids are
 * {@code urn:uuid:} name-based UUIDs of the resolution id, so they stay the same whatever address the ledger is
 * reached under; each entry links to its Akoma Ntoso and JSON forms and to its session's PDF.
 */
final class AtomFeed {

    static final String NS = "http://www.w3.org/2005/Atom";
    static final String MEDIA_TYPE = "application/atom+xml";
    static final int ENTRIES = 50;

    private AtomFeed() {
    }

    static String id(String name) {
        return "urn:uuid:" + UUID.nameUUIDFromBytes(("resolution-ledger:" + name).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * One page of the feed ({@code page} from 1): the newest {@link #ENTRIES} on the first, older ones on the next,
     * linked as RFC 5005 paged feeds ({@code first}, {@code previous}, {@code next}, {@code last}), so a reader can
     * go back to the first Beschluss ever published.
     */
    static byte[] render(List<Decision> newestFirst, int page, PublicLinks links) {
        int pages = Math.max(1, (newestFirst.size() + ENTRIES - 1) / ENTRIES);
        int from = (int) Math.min(newestFirst.size(), (long) (page - 1) * ENTRIES);
        List<Decision> entries = newestFirst.subList(from, Math.min(newestFirst.size(), from + ENTRIES));
        String self = links.base() + "/api/feed.atom";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.setDefaultNamespace(NS);
            xml.writeStartElement(NS, "feed");
            xml.writeDefaultNamespace(NS);
            xml.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", "de");
            text(xml, "id", id("feed:published"));
            text(xml, "title", "Veröffentlichte Beschlüsse");
            Instant updated = newestFirst.stream().map(Decision::publishedAt).max(Instant::compareTo)
                    .orElse(Instant.EPOCH);
            text(xml, "updated", updated.toString());
            link(xml, "self", MEDIA_TYPE, page == 1 ? self : self + "?page=" + page);
            link(xml, "first", MEDIA_TYPE, self);
            if (page > 1) {
                link(xml, "previous", MEDIA_TYPE, page == 2 ? self : self + "?page=" + Math.min(page - 1, pages));
            }
            if (page < pages) {
                link(xml, "next", MEDIA_TYPE, self + "?page=" + (page + 1));
            }
            link(xml, "last", MEDIA_TYPE, pages == 1 ? self : self + "?page=" + pages);
            link(xml, "alternate", "application/json", links.base() + "/api/resolutions?status=PUBLISHED");
            xml.writeStartElement(NS, "author");
            text(xml, "name", entries.isEmpty() ? "Resolution Ledger" : entries.get(0).conferenceName());
            xml.writeEndElement();
            text(xml, "generator", "Resolution Ledger");
            for (Decision d : entries) {
                entry(xml, d, links);
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write the Atom feed", e);
        }
        return out.toByteArray();
    }

    private static void entry(XMLStreamWriter xml, Decision d, PublicLinks links) throws XMLStreamException {
        xml.writeStartElement(NS, "entry");
        text(xml, "id", id("beschluss:" + d.id()));
        text(xml, "title", AkomaNtoso.clean("Beschluss Nr. " + d.number() + ": " + d.resolution().title()));
        text(xml, "updated", d.publishedAt().toString());
        text(xml, "published", d.publishedAt().toString());
        xml.writeStartElement(NS, "author");
        text(xml, "name", AkomaNtoso.clean(d.conferenceName()));
        xml.writeEndElement();
        link(xml, "alternate", AkomaNtoso.MEDIA_TYPE, links.akn(d.id()));
        link(xml, "alternate", "application/json", links.resolution(d.id()));
        d.session().ifPresent(s -> {
            try {
                link(xml, "related", "application/pdf", links.decisionsPdf(s.sessionId()));
            } catch (XMLStreamException e) {
                throw new IllegalStateException(e);
            }
        });
        for (String topic : d.resolution().topics()) {
            xml.writeEmptyElement(NS, "category");
            xml.writeAttribute("term", AkomaNtoso.clean(topic));
        }
        text(xml, "summary", AkomaNtoso.clean(d.citation() + ". Abstimmungsergebnis: "
                + German.tally(d.resolution().tally()) + "."
                + (d.resolution().reference() == null ? "" : " Veröffentlicht: " + d.resolution().reference())));
        xml.writeStartElement(NS, "content");
        xml.writeAttribute("type", "text");
        xml.writeCharacters(AkomaNtoso.clean(d.resolution().text()));
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private static void text(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(NS, name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String type, String href) throws XMLStreamException {
        xml.writeEmptyElement(NS, "link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("type", type);
        xml.writeAttribute("href", href);
    }
}
