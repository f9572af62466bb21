package io.resolutionledger.query.publication;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.event.ChairHandedOver;
import io.resolutionledger.api.event.ConferenceEstablished;
import io.resolutionledger.api.value.DelegationCode;
import io.resolutionledger.api.value.SessionKind;
import io.resolutionledger.api.value.SessionStatus;
import io.resolutionledger.query.chair.ChairHistory.ConferenceRecord;
import io.resolutionledger.query.publication.Decisions.Decision;
import io.resolutionledger.query.publication.Decisions.Times;
import io.resolutionledger.query.sessions.SessionQueries.SessionView;
import io.resolutionledger.query.web.InvalidParameterException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A read-only OParl 1.1 server (the German standard API of council information systems), so that existing OParl
 * clients and portals can read the conference: {@code System} → {@code Body} (a conference) → its
 * {@code Organization}s (the conference itself and its member delegations), {@code Meeting}s (sessions) with their
 * {@code AgendaItem}s, {@code Paper}s (published Beschlüsse) with their {@code Consultation}, the Beschluss's Akoma
 * Ntoso {@code File}, the session's {@code Location} and one {@code LegislativeTerm} per chair year. Persons are an
 * empty list: the ledger publishes no personal data.
 * <p>
 * Public only: every object is built from what an anonymous reader may see, whoever asks. Lists are paged as OParl
 * prescribes ({@code data}, {@code pagination}, {@code links}; {@code ?page=} from 1, {@code ?limit=} 1..200).
 * Every URL is absolute ({@link PublicLinks}); every id can be fetched.
 */
@RestController
@RequestMapping(path = "/oparl/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public class OParlController {

    static final String SCHEMA = "https://schema.oparl.org/1.1/";
    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 200;

    private final Decisions decisions;
    private final PublicLinks links;

    public OParlController(Decisions decisions, PublicLinks links) {
        this.decisions = decisions;
        this.links = links;
    }

    // ---- entry points ------------------------------------------------------------------------------------------

    @GetMapping({"", "/", "/system"})
    public Map<String, Object> system() {
        List<ConferenceRecord> conferences = conferences();
        Instant created = conferences.stream().map(c -> c.establishment().occurredAt()).min(Comparator.naturalOrder())
                .orElse(null);
        Instant modified = conferences.stream().map(OParlController::modified).max(Comparator.naturalOrder())
                .orElse(null);
        return object("System", url("/system"),
                "oparlVersion", SCHEMA,
                "name", "Resolution Ledger",
                "body", url("/bodies"),
                "website", links.base() + "/",
                "created", created, "modified", modified);
    }

    @GetMapping("/bodies")
    public Map<String, Object> bodies(@RequestParam(required = false) Integer page,
                                      @RequestParam(required = false) Integer limit) {
        return list(conferences().stream().map(this::body).toList(), url("/bodies"), page, limit);
    }

    @GetMapping("/bodies/{body}")
    public Map<String, Object> body(@PathVariable String body) {
        return body(conference(body));
    }

    // ---- organizations -----------------------------------------------------------------------------------------

    @GetMapping("/bodies/{body}/organizations")
    public Map<String, Object> organizations(@PathVariable String body, @RequestParam(required = false) Integer page,
                                             @RequestParam(required = false) Integer limit) {
        ConferenceRecord c = conference(body);
        List<Map<String, Object>> all = new ArrayList<>();
        all.add(conferenceOrganization(c));
        c.establishment().members().forEach(m -> all.add(memberOrganization(c, m.value())));
        return list(all, bodyUrl(c) + "/organizations", page, limit);
    }

    @GetMapping("/bodies/{body}/organizations/{organization}")
    public Map<String, Object> organization(@PathVariable String body, @PathVariable String organization) {
        ConferenceRecord c = conference(body);
        if ("conference".equals(organization)) {
            return conferenceOrganization(c);
        }
        return c.establishment().members().stream().map(DelegationCode::value).filter(organization::equals)
                .findFirst().map(m -> memberOrganization(c, m))
                .orElseThrow(() -> notFound("no organization " + organization + " in " + body));
    }

    @GetMapping("/bodies/{body}/people")
    public Map<String, Object> people(@PathVariable String body, @RequestParam(required = false) Integer page,
                                      @RequestParam(required = false) Integer limit) {
        return list(List.of(), bodyUrl(conference(body)) + "/people", page, limit);
    }

    @GetMapping("/bodies/{body}/terms/{year}")
    public Map<String, Object> term(@PathVariable String body, @PathVariable int year) {
        ConferenceRecord c = conference(body);
        return terms(c).stream().filter(t -> t.get("id").toString().endsWith("/terms/" + year)).findFirst()
                .orElseThrow(() -> notFound("no chair year " + year + " in " + body));
    }

    // ---- meetings, agenda items, locations ---------------------------------------------------------------------

    @GetMapping("/bodies/{body}/meetings")
    public Map<String, Object> meetings(@PathVariable String body, @RequestParam(required = false) Integer page,
                                        @RequestParam(required = false) Integer limit) {
        ConferenceRecord c = conference(body);
        Map<String, List<Decision>> bySession = bySession(c);
        List<Map<String, Object>> all = decisions.sessionsOf(id(c)).stream()
                .map(s -> meeting(c, s, bySession.getOrDefault(s.sessionId(), List.of()))).toList();
        return list(all, bodyUrl(c) + "/meetings", page, limit);
    }

    @GetMapping("/bodies/{body}/meetings/{meeting}")
    public Map<String, Object> meeting(@PathVariable String body, @PathVariable String meeting) {
        ConferenceRecord c = conference(body);
        SessionView session = session(c, meeting);
        return meeting(c, session, decisions.ofSession(session.sessionId()));
    }

    @GetMapping("/bodies/{body}/locations/{meeting}")
    public Map<String, Object> location(@PathVariable String body, @PathVariable String meeting) {
        ConferenceRecord c = conference(body);
        return location(c, session(c, meeting));
    }

    @GetMapping("/bodies/{body}/agenda-items")
    public Map<String, Object> agendaItems(@PathVariable String body, @RequestParam(required = false) Integer page,
                                           @RequestParam(required = false) Integer limit) {
        ConferenceRecord c = conference(body);
        return list(onAgenda(c).stream().map(d -> agendaItem(c, d)).toList(), bodyUrl(c) + "/agenda-items", page,
                limit);
    }

    @GetMapping("/bodies/{body}/agenda-items/{item}")
    public Map<String, Object> agendaItem(@PathVariable String body, @PathVariable String item) {
        ConferenceRecord c = conference(body);
        Decision d = decision(c, item);
        if (d.session().isEmpty()) {
            throw notFound("no agenda item " + item);
        }
        return agendaItem(c, d);
    }

    // ---- papers, consultations, files --------------------------------------------------------------------------

    @GetMapping("/bodies/{body}/papers")
    public Map<String, Object> papers(@PathVariable String body, @RequestParam(required = false) Integer page,
                                      @RequestParam(required = false) Integer limit) {
        ConferenceRecord c = conference(body);
        return list(decisionsOf(c).stream().map(d -> paper(c, d)).toList(), bodyUrl(c) + "/papers", page, limit);
    }

    @GetMapping("/bodies/{body}/papers/{paper}")
    public Map<String, Object> paper(@PathVariable String body, @PathVariable String paper) {
        ConferenceRecord c = conference(body);
        return paper(c, decision(c, paper));
    }

    @GetMapping("/bodies/{body}/consultations")
    public Map<String, Object> consultations(@PathVariable String body, @RequestParam(required = false) Integer page,
                                             @RequestParam(required = false) Integer limit) {
        ConferenceRecord c = conference(body);
        return list(onAgenda(c).stream().map(d -> consultation(c, d)).toList(), bodyUrl(c) + "/consultations",
                page, limit);
    }

    @GetMapping("/bodies/{body}/consultations/{consultation}")
    public Map<String, Object> consultation(@PathVariable String body, @PathVariable String consultation) {
        ConferenceRecord c = conference(body);
        Decision d = decision(c, consultation);
        if (d.session().isEmpty()) {
            throw notFound("no consultation " + consultation);
        }
        return consultation(c, d);
    }

    @GetMapping("/bodies/{body}/files/{file}")
    public Map<String, Object> file(@PathVariable String body, @PathVariable String file) {
        ConferenceRecord c = conference(body);
        return file(c, decision(c, file));
    }

    // ---- the objects -------------------------------------------------------------------------------------------

    private Map<String, Object> body(ConferenceRecord c) {
        ConferenceEstablished e = c.establishment();
        String body = bodyUrl(c);
        return object("Body", body,
                "system", url("/system"),
                "shortName", id(c),
                "name", e.name(),
                "classification", "Fachministerkonferenz der Länder",
                "mainOrganization", body + "/organizations/conference",
                "organization", body + "/organizations",
                "person", body + "/people",
                "meeting", body + "/meetings",
                "paper", body + "/papers",
                "agendaItem", body + "/agenda-items",
                "consultation", body + "/consultations",
                "legislativeTerm", terms(c),
                "created", e.occurredAt(), "modified", modified(c));
    }

    private Map<String, Object> conferenceOrganization(ConferenceRecord c) {
        ConferenceEstablished e = c.establishment();
        return object("Organization", bodyUrl(c) + "/organizations/conference",
                "body", bodyUrl(c),
                "name", e.name(),
                "shortName", id(c),
                "organizationType", "Gremium",
                "classification", "Konferenz",
                "startDate", e.occurredAt().atZone(decisions.zone()).toLocalDate(),
                "meeting", bodyUrl(c) + "/meetings",
                "memberCount", e.members().size() + e.guests().size(),
                "votingMemberCount", e.members().size(),
                "created", e.occurredAt(), "modified", modified(c));
    }

    private Map<String, Object> memberOrganization(ConferenceRecord c, String member) {
        ConferenceEstablished e = c.establishment();
        return object("Organization", bodyUrl(c) + "/organizations/" + member,
                "body", bodyUrl(c),
                "name", German.member(member),
                "shortName", member,
                "organizationType", "Land",
                "classification", "Mitglied",
                "startDate", e.occurredAt().atZone(decisions.zone()).toLocalDate(),
                "created", e.occurredAt(), "modified", e.occurredAt());
    }

    /** One term per chair year: from its hand-over's effective date to the day before the next one. */
    private List<Map<String, Object>> terms(ConferenceRecord c) {
        List<ChairHandedOver> handovers = new ArrayList<>(c.handovers());
        handovers.sort(Comparator.comparing(ChairHandedOver::effectiveFrom));
        List<Map<String, Object>> terms = new ArrayList<>();
        for (int i = 0; i < handovers.size(); i++) {
            ChairHandedOver h = handovers.get(i);
            if (terms.stream().anyMatch(t -> t.get("id").toString().endsWith("/terms/" + h.year()))) {
                continue;
            }
            LocalDate end = i + 1 < handovers.size() ? handovers.get(i + 1).effectiveFrom().minusDays(1) : null;
            terms.add(object("LegislativeTerm", bodyUrl(c) + "/terms/" + h.year(),
                    "body", bodyUrl(c),
                    "name", "Vorsitzjahr " + h.year() + " (" + String.join(", ",
                            h.to().stream().map(m -> German.member(m.value())).toList()) + ")",
                    "startDate", h.effectiveFrom(), "endDate", end,
                    "created", h.occurredAt(), "modified", h.occurredAt()));
        }
        return terms;
    }

    private Map<String, Object> meeting(ConferenceRecord c, SessionView s, List<Decision> published) {
        Optional<Times> times = decisions.times(s.sessionId());
        Instant start = s.openedAt() != null ? s.openedAt()
                : s.date().atStartOfDay(decisions.zone()).toInstant();
        return object("Meeting", meetingUrl(c, s.sessionId()),
                "name", s.number() + ". " + (s.kind() == SessionKind.SPECIAL ? "Sondersitzung" : "Sitzung")
                        + " der " + id(c),
                "meetingState", state(s.status()),
                "cancelled", s.status().name().equals("CANCELLED"),
                "start", start,
                "end", s.closedAt(),
                "location", location(c, s),
                "organization", List.of(bodyUrl(c) + "/organizations/conference"),
                "agendaItem", published.stream().map(d -> agendaItem(c, d)).toList(),
                "created", times.map(Times::created).orElse(null),
                "modified", times.map(Times::modified).orElse(null));
    }

    private Map<String, Object> location(ConferenceRecord c, SessionView s) {
        return object("Location", bodyUrl(c) + "/locations/" + s.sessionId(),
                "description", s.place(),
                "meetings", List.of(meetingUrl(c, s.sessionId())));
    }

    private Map<String, Object> agendaItem(ConferenceRecord c, Decision d) {
        String session = d.session().orElseThrow().sessionId();
        return object("AgendaItem", bodyUrl(c) + "/agenda-items/" + d.id(),
                "meeting", meetingUrl(c, session),
                "number", String.valueOf(d.number()),
                "order", d.number(),
                "name", d.resolution().title(),
                "public", true,
                "consultation", bodyUrl(c) + "/consultations/" + d.id(),
                "result", "angenommen (" + German.tally(d.resolution().tally()) + ")",
                "resolutionText", d.resolution().text(),
                "created", d.proposedAt(), "modified", d.modifiedAt());
    }

    private Map<String, Object> paper(ConferenceRecord c, Decision d) {
        List<String> originators = new ArrayList<>();
        originators.add(d.resolution().sponsor());
        d.resolution().coSponsors().stream().filter(m -> !originators.contains(m)).forEach(originators::add);
        return object("Paper", bodyUrl(c) + "/papers/" + d.id(),
                "body", bodyUrl(c),
                "name", d.resolution().title(),
                "reference", d.citation(),
                "date", d.date(),
                "paperType", "Beschluss",
                "mainFile", file(c, d),
                "originatorOrganization", originators.stream()
                        .filter(m -> c.establishment().members().stream().anyMatch(x -> x.value().equals(m)))
                        .map(m -> bodyUrl(c) + "/organizations/" + m).toList(),
                "consultation", d.session().isPresent() ? List.of(consultation(c, d)) : List.of(),
                "keyword", d.resolution().topics(),
                "web", links.resolution(d.id()),
                "created", d.proposedAt(), "modified", d.modifiedAt());
    }

    private Map<String, Object> consultation(ConferenceRecord c, Decision d) {
        String session = d.session().orElseThrow().sessionId();
        return object("Consultation", bodyUrl(c) + "/consultations/" + d.id(),
                "paper", bodyUrl(c) + "/papers/" + d.id(),
                "agendaItem", bodyUrl(c) + "/agenda-items/" + d.id(),
                "meeting", meetingUrl(c, session),
                "organization", List.of(bodyUrl(c) + "/organizations/conference"),
                "authoritative", true,
                "role", "Beschlussfassung",
                "created", d.proposedAt(), "modified", d.modifiedAt());
    }

    /** The Beschluss's Akoma Ntoso document as an OParl file. */
    private Map<String, Object> file(ConferenceRecord c, Decision d) {
        return object("File", bodyUrl(c) + "/files/" + d.id(),
                "name", d.resolution().title() + " (Akoma Ntoso)",
                "fileName", d.id() + ".akn.xml",
                "mimeType", AkomaNtoso.MEDIA_TYPE,
                "date", d.publishedOn(),
                "accessUrl", links.akn(d.id()),
                "downloadUrl", links.akn(d.id()),
                "paper", List.of(bodyUrl(c) + "/papers/" + d.id()),
                "created", d.publishedAt(), "modified", d.publishedAt());
    }

    // ---- lookups -----------------------------------------------------------------------------------------------

    private List<ConferenceRecord> conferences() {
        return decisions.conferenceIds().stream().map(decisions::conference).flatMap(Optional::stream).toList();
    }

    private ConferenceRecord conference(String body) {
        return decisions.conference(body).orElseThrow(() -> notFound("no body " + body));
    }

    private SessionView session(ConferenceRecord c, String sessionId) {
        return decisions.sessionsOf(id(c)).stream().filter(s -> s.sessionId().equals(sessionId)).findFirst()
                .orElseThrow(() -> notFound("no meeting " + sessionId + " in " + id(c)));
    }

    private List<Decision> decisionsOf(ConferenceRecord c) {
        return decisions.all().stream().filter(d -> d.conferenceId().equals(id(c))).toList();
    }

    private List<Decision> onAgenda(ConferenceRecord c) {
        return decisionsOf(c).stream().filter(d -> d.session().isPresent()).toList();
    }

    private Map<String, List<Decision>> bySession(ConferenceRecord c) {
        Map<String, List<Decision>> bySession = new LinkedHashMap<>();
        onAgenda(c).forEach(d -> bySession.computeIfAbsent(d.session().get().sessionId(), s -> new ArrayList<>())
                .add(d));
        bySession.values().forEach(l -> l.sort(Comparator.comparingInt(Decision::number)));
        return bySession;
    }

    private Decision decision(ConferenceRecord c, String id) {
        Decision d;
        try {
            d = decisions.get(PublicationController.checked(id, "paper"));
        } catch (LedgerRefusedException e) {
            throw notFound("no published paper " + id);
        }
        if (!d.conferenceId().equals(id(c))) {
            throw notFound("no published paper " + id + " in " + id(c));
        }
        return d;
    }

    private static String id(ConferenceRecord c) {
        return c.establishment().conferenceId().value();
    }

    private static Instant modified(ConferenceRecord c) {
        return c.handovers().stream().map(ChairHandedOver::occurredAt).max(Comparator.naturalOrder())
                .filter(last -> last.isAfter(c.establishment().occurredAt()))
                .orElse(c.establishment().occurredAt());
    }

    private static String state(SessionStatus status) {
        return switch (status.name()) {
            case "SCHEDULED" -> "terminiert";
            case "OPEN" -> "eröffnet";
            case "CLOSED" -> "durchgeführt";
            case "POSTPONED" -> "verschoben";
            case "CANCELLED" -> "abgesagt";
            default -> status.name().toLowerCase(Locale.ROOT);
        };
    }

    private String url(String path) {
        return links.base() + "/oparl/v1" + path;
    }

    private String bodyUrl(ConferenceRecord c) {
        return url("/bodies/" + id(c));
    }

    private String meetingUrl(ConferenceRecord c, String sessionId) {
        return bodyUrl(c) + "/meetings/" + sessionId;
    }

    private static LedgerRefusedException notFound(String message) {
        return new LedgerRefusedException(ErrorCode.NOT_FOUND, message);
    }

    /** An OParl object: id and type first, then the given properties without the absent (null) ones. */
    private static Map<String, Object> object(String type, String id, Object... properties) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("id", id);
        object.put("type", SCHEMA + type);
        for (int i = 0; i < properties.length; i += 2) {
            Object value = properties[i + 1];
            if (value != null) {
                object.put((String) properties[i], value instanceof Instant || value instanceof LocalDate
                        ? value.toString() : value);
            }
        }
        return object;
    }

    /** An OParl list page: {@code data}, {@code pagination} and {@code links} (first, prev, next, last, self). */
    private static Map<String, Object> list(List<Map<String, Object>> all, String self, Integer page, Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        int number = page == null ? 1 : page;
        if (size < 1 || size > MAX_LIMIT) {
            throw InvalidParameterException.of("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (number < 1) {
            throw InvalidParameterException.of("page", "must be 1 or more");
        }
        int pages = Math.max(1, (all.size() + size - 1) / size);
        int from = (int) Math.min(all.size(), (long) (number - 1) * size);
        int to = Math.min(all.size(), from + size);
        Function<Integer, String> at = n -> self + "?page=" + n + (limit == null ? "" : "&limit=" + size);
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("first", at.apply(1));
        if (number > 1) {
            links.put("prev", at.apply(Math.min(number - 1, pages)));
        }
        if (number < pages) {
            links.put("next", at.apply(number + 1));
        }
        links.put("last", at.apply(pages));
        links.put("self", at.apply(number));
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("totalElements", all.size());
        pagination.put("elementsPerPage", size);
        pagination.put("currentPage", number);
        pagination.put("totalPages", pages);
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("data", all.subList(from, to));
        list.put("pagination", pagination);
        list.put("links", links);
        return list;
    }
}
