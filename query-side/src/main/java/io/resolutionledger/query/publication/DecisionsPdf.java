package io.resolutionledger.query.publication;

import io.resolutionledger.query.publication.Decisions.Decision;
import io.resolutionledger.query.resolutions.LineNumbering;
import io.resolutionledger.query.sessions.SessionQueries.SessionView;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

/**
 * A session's published Beschlüsse as one PDF for the record: per Beschluss its number and title, the adopted text
 * with line numbers ({@link LineNumbering}, the same lines as the line-numbered diff), the vote result, the voting
 * rule, the publication reference and the proof's address.
 * <p>
 * The font is Liberation Sans (SIL Open Font License 1.1), the TrueType font that ships inside the PDFBox jar from
 * Maven Central; it is embedded as a subset, so umlauts and ß render the same on every reader. A character the font
 * has no glyph for is printed as "?" rather than failing the document.
 */
final class DecisionsPdf {

    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final float MARGIN = 56;
    private static final float GUTTER = 28;
    private static final float TEXT = 10;
    private static final float LEADING = 14;
    private static final PDRectangle PAGE = PDRectangle.A4;

    private DecisionsPdf() {
    }

    static byte[] render(SessionView session, String conferenceName, List<Decision> decisions, PublicLinks links) {
        try (PDDocument document = new PDDocument()) {
            PDType0Font font;
            try (InputStream in = DecisionsPdf.class.getResourceAsStream(FONT)) {
                if (in == null) {
                    throw new IllegalStateException("the PDF font " + FONT + " is not on the classpath");
                }
                font = PDType0Font.load(document, in, true);
            }
            Layout layout = new Layout(document, font);
            String sessionLine = session.number() + ". " + ("SPECIAL".equals(session.kind().name())
                    ? "Sondersitzung" : "Sitzung") + ", " + German.date(session.date())
                    + (session.place() == null || session.place().isBlank() ? "" : ", " + session.place());
            layout.paragraph(conferenceName, 16, 0);
            layout.paragraph(sessionLine, 12, 0);
            layout.paragraph("Beschlüsse", 14, 6);
            if (decisions.isEmpty()) {
                layout.paragraph("Zu dieser Sitzung sind keine Beschlüsse veröffentlicht.", TEXT, 6);
            }
            for (Decision d : decisions) {
                layout.space(10);
                layout.keep(90); // a heading never stands alone at the foot of a page
                layout.paragraph("Beschluss Nr. " + d.number() + " (" + d.citation() + ")", 11, 0);
                layout.paragraph(d.resolution().title(), 13, 2);
                layout.space(4);
                List<String> lines = LineNumbering.lines(d.resolution().text());
                for (int i = 0; i < lines.size(); i++) {
                    layout.numbered(i + 1, lines.get(i));
                }
                layout.space(4);
                layout.paragraph("Abstimmungsergebnis: " + German.tally(d.resolution().tally()), TEXT, 0);
                layout.paragraph("Mehrheitserfordernis: " + German.rule(d.resolution().rule()), TEXT, 0);
                if (d.resolution().reference() != null && !d.resolution().reference().isBlank()) {
                    layout.paragraph("Veröffentlicht: " + d.resolution().reference(), TEXT, 0);
                }
                layout.paragraph("Nachweis im Ledger: " + links.proof(d.id()), 8, 0);
            }
            layout.close();
            layout.footers(conferenceName + " – " + sessionLine);
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle("Beschlüsse: " + conferenceName + ", " + sessionLine);
            info.setAuthor(conferenceName);
            info.setProducer("Resolution Ledger");
            // a fixed date (the session's), so that the same decisions always give the same document
            Calendar date = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            date.clear();
            date.set(session.date().getYear(), session.date().getMonthValue() - 1, session.date().getDayOfMonth());
            info.setCreationDate(date);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the decisions PDF of " + session.sessionId(), e);
        }
    }

    /** Writes top-down, starting a new page when the next line would not fit. */
    private static final class Layout {
        private final PDDocument document;
        private final PDType0Font font;
        private final Map<Integer, Boolean> printable = new HashMap<>();
        private PDPageContentStream content;
        private float y;

        Layout(PDDocument document, PDType0Font font) throws IOException {
            this.document = document;
            this.font = font;
            newPage();
        }

        void space(float points) throws IOException {
            y -= points;
        }

        /** A wrapped paragraph at the left margin. */
        void paragraph(String text, float size, float after) throws IOException {
            float width = PAGE.getWidth() - 2 * MARGIN;
            for (String line : wrap(printable(text), size, width)) {
                ensure(size * 1.4f);
                write(line, MARGIN, size);
                y -= size * 1.4f;
            }
            y -= after;
        }

        /** One numbered line of the text: the number in the gutter, the line shrunk if it would overflow. */
        void numbered(int number, String line) throws IOException {
            ensure(LEADING);
            String text = printable(line);
            float width = PAGE.getWidth() - 2 * MARGIN - GUTTER;
            float size = Math.min(TEXT, TEXT * width / Math.max(1, width(text, TEXT)));
            content.setNonStrokingColor(0.45f, 0.45f, 0.45f);
            String label = String.valueOf(number);
            write(label, MARGIN + GUTTER - 8 - width(label, 8), 8);
            content.setNonStrokingColor(0f, 0f, 0f);
            write(text, MARGIN + GUTTER, size);
            y -= LEADING;
        }

        /** Starts a new page unless {@code height} points are left on this one. */
        void keep(float height) throws IOException {
            ensure(height);
        }

        void close() throws IOException {
            content.close();
        }

        void footers(String title) throws IOException {
            int pages = document.getNumberOfPages();
            for (int i = 0; i < pages; i++) {
                try (PDPageContentStream footer = new PDPageContentStream(document, document.getPage(i),
                        PDPageContentStream.AppendMode.APPEND, true, true)) {
                    footer.beginText();
                    footer.setFont(font, 8);
                    footer.newLineAtOffset(MARGIN, MARGIN / 2);
                    footer.showText(printable(title + " – Seite " + (i + 1) + " von " + pages));
                    footer.endText();
                }
            }
        }

        private void ensure(float height) throws IOException {
            if (y - height < MARGIN) {
                content.close();
                newPage();
            }
        }

        private void newPage() throws IOException {
            PDPage page = new PDPage(PAGE);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            y = PAGE.getHeight() - MARGIN;
        }

        private void write(String text, float x, float size) throws IOException {
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(x, y - size);
            content.showText(text);
            content.endText();
        }

        private float width(String text, float size) throws IOException {
            return font.getStringWidth(text) / 1000 * size;
        }

        private List<String> wrap(String text, float size, float width) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : text.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (width(candidate, size) <= width || line.isEmpty()) {
                    line.setLength(0);
                    line.append(candidate);
                } else {
                    lines.add(line.toString());
                    line.setLength(0);
                    line.append(word);
                }
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
            }
            return lines;
        }

        /** Whitespace as plain spaces; what the font cannot show as "?". */
        private String printable(String text) {
            StringBuilder out = new StringBuilder();
            text.codePoints().forEach(c -> {
                if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                    out.append(' ');
                } else if (printable.computeIfAbsent(c, this::hasGlyph)) {
                    out.appendCodePoint(c);
                } else {
                    out.append('?');
                }
            });
            return out.toString().replaceAll(" +", " ").strip();
        }

        private boolean hasGlyph(int codePoint) {
            try {
                font.encode(new String(Character.toChars(codePoint)));
                return true;
            } catch (IllegalArgumentException | IOException e) {
                return false;
            }
        }
    }
}
