package io.resolutionledger.faults;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The invariants checked in the event store itself (never through a service): what the clients were told against
 * what was written, and the domain's own rules read back from the events.
 */
final class Invariants {

    final List<String> violations = new ArrayList<>();
    final Map<String, Object> counts = new TreeMap<>();

    private void violate(String s) {
        if (violations.size() < 50) {
            violations.add(s);
        } else if (violations.size() == 50) {
            violations.add("… (more violations left out)");
        }
    }

    /**
     * Every request answered 2xx is in the store: its key's events exist and all come from one attempt (one
     * correlation id, one of that request's attempts); a request answered with a (non-replayed) 4xx wrote nothing.
     */
    Invariants acknowledged(Collection<Load.Op> ops, List<Db.Event> events) {
        Map<String, List<Db.Event>> byKey = new HashMap<>();
        for (Db.Event e : events) {
            if (e.key() != null) byKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e);
        }
        int acked = 0, found = 0, refused = 0, unanswered = 0, committedButUnanswered = 0;
        for (Load.Op op : ops) {
            List<Db.Event> mine = byKey.getOrDefault(op.key, List.of());
            Set<String> corr = new HashSet<>();
            for (Db.Event e : mine) corr.add(e.correlationId());
            if (op.answer == null) {
                unanswered++;
                if (!mine.isEmpty()) committedButUnanswered++;
                continue;
            }
            if (op.acknowledged()) {
                acked++;
                if (mine.isEmpty()) {
                    violate("acknowledged " + op.answer.status() + " but not in the event store: " + op.who + " POST "
                            + op.path + " key " + op.key);
                    continue;
                }
                found++;
                if (corr.size() != 1) {
                    violate("request doubled: key " + op.key + " (" + op.path + ") has events of " + corr.size()
                            + " attempts " + corr);
                } else if (!op.correlationIds.contains(corr.iterator().next())) {
                    violate("key " + op.key + " has events of a correlation id this request never sent: " + corr);
                }
            } else {
                refused++;
                if (!mine.isEmpty()) {
                    violate("answered " + op.answer.status() + " " + op.answer.code() + " but an attempt of it committed: "
                            + op.who + " POST " + op.path + " key " + op.key + " (attempt statuses " + op.statuses + ")");
                }
            }
        }
        counts.merge("commands acknowledged (2xx)", acked, (a, b) -> (int) a + (int) b);
        counts.merge("acknowledged commands found in the event store", found, (a, b) -> (int) a + (int) b);
        counts.merge("commands refused (4xx)", refused, (a, b) -> (int) a + (int) b);
        counts.merge("commands without a final answer", unanswered, (a, b) -> (int) a + (int) b);
        counts.merge("commands without a final answer but committed", committedButUnanswered, (a, b) -> (int) a + (int) b);
        return this;
    }

    /** The rules of the whole store, over every event of the run. */
    Invariants store(List<Db.Event> events) {
        counts.put("events in the store", events.size());
        // no key's events come from two attempts
        Map<String, Set<String>> keyAttempts = new HashMap<>();
        for (Db.Event e : events) {
            if (e.key() != null) keyAttempts.computeIfAbsent(e.key(), k -> new HashSet<>()).add(e.correlationId());
        }
        counts.put("idempotency keys in the store", keyAttempts.size());
        keyAttempts.forEach((k, c) -> {
            if (c.size() > 1) violate("idempotency key " + k + " written by " + c.size() + " attempts: " + c);
        });
        Map<String, List<Db.Event>> aggregates = Db.byAggregate(events);
        counts.put("aggregates", aggregates.size());
        // contiguous sequence numbers
        aggregates.forEach((id, list) -> {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).seq() != i) {
                    violate("aggregate " + id + ": sequence numbers not contiguous from 0 (position " + i + " has "
                            + list.get(i).seq() + ")");
                    break;
                }
            }
        });
        // chair terms: one hand-over per year
        Map<Integer, Integer> handovers = new TreeMap<>();
        Map<Integer, JsonNode> terms = new TreeMap<>();
        Map<String, LocalDate> sessionDates = new HashMap<>();
        for (Db.Event e : events) {
            if (e.simpleType().equals("ChairHandedOver")) {
                int year = e.payload().path("year").asInt();
                handovers.merge(year, 1, Integer::sum);
                terms.put(year, e.payload());
            } else if (e.simpleType().equals("SessionScheduled")) {
                sessionDates.put(Db.text(e.payload().path("sessionId")), LocalDate.parse(e.payload().path("date").asText()));
            }
        }
        handovers.forEach((y, n) -> {
            if (n > 1) violate("chair of " + y + " handed over " + n + " times");
        });
        counts.put("chair hand-overs", handovers.values().stream().mapToInt(Integer::intValue).sum());
        int votes = 0, adoptions = 0, versionsChecked = 0;
        for (Map.Entry<String, List<Db.Event>> a : aggregates.entrySet()) {
            List<Db.Event> list = a.getValue();
            if (list.isEmpty() || !list.get(0).simpleType().equals("ResolutionProposed")) continue;
            String sessionId = Db.text(list.get(0).payload().path("sessionId"));
            long version = 1;
            Set<String> voted = new HashSet<>();
            boolean open = false, decided = false;
            JsonNode rule = null;
            int yes = 0, no = 0, abstain = 0;
            for (Db.Event e : list) {
                JsonNode p = e.payload();
                switch (e.simpleType()) {
                    case "ResolutionAmended", "TabledAmendmentAccepted" -> {
                        versionsChecked++;
                        long v = p.path("version").asLong();
                        if (v != version + 1) violate(a.getKey() + ": version " + v + " follows version " + version);
                        version = v;
                        if (open || decided) violate(a.getKey() + ": amended while the vote is open or decided");
                    }
                    case "VoteOpened" -> {
                        open = true;
                        rule = p.path("rule");
                        voted.clear();
                        yes = no = abstain = 0;
                    }
                    case "VoteCast" -> {
                        votes++;
                        String actor = Db.text(p.path("actor"));
                        if (!open || decided) violate(a.getKey() + ": vote of " + actor + " outside an open vote");
                        if (!voted.add(actor)) violate(a.getKey() + ": " + actor + " voted twice");
                        switch (p.path("choice").asText()) {
                            case "YES" -> yes++;
                            case "NO" -> no++;
                            default -> abstain++;
                        }
                    }
                    case "ResolutionAdopted" -> {
                        adoptions++;
                        if (!open || decided) violate(a.getKey() + ": adopted outside an open vote");
                        JsonNode t = p.path("tally");
                        if (t.path("yes").asInt() != yes || t.path("no").asInt() != no || t.path("abstain").asInt() != abstain) {
                            violate(a.getKey() + ": adoption's tally " + t + " differs from the votes before it (yes "
                                    + yes + ", no " + no + ", abstain " + abstain + ")");
                        }
                        if (rule != null && "QUALIFIED_MAJORITY".equals(rule.path("kind").asText())
                                && (yes < rule.path("minimumYes").asInt() || yes + no + abstain < rule.path("quorum").asInt())) {
                            violate(a.getKey() + ": adopted with yes " + yes + " of " + (yes + no + abstain)
                                    + " votes under rule " + rule);
                        }
                        String actor = Db.text(p.path("actor"));
                        LocalDate date = sessionDates.get(sessionId);
                        if (date != null && !chairOn(terms, date).contains(actor)) {
                            violate(a.getKey() + ": adopted by " + actor + ", not chair on " + date + " (" + chairOn(terms, date) + ")");
                        }
                        decided = true;
                    }
                    case "ResolutionRejected", "ResolutionWithdrawn" -> decided = true;
                    default -> {
                    }
                }
            }
        }
        counts.put("votes checked", votes);
        counts.put("adoptions checked", adoptions);
        counts.put("amendment versions checked", versionsChecked);
        return this;
    }

    static Set<String> chairOn(Map<Integer, JsonNode> terms, LocalDate date) {
        JsonNode holder = null;
        LocalDate from = null;
        for (JsonNode t : terms.values()) {
            LocalDate f = LocalDate.parse(t.path("effectiveFrom").asText());
            if (!f.isAfter(date) && (from == null || f.isAfter(from))) {
                from = f;
                holder = t;
            }
        }
        Set<String> out = new HashSet<>();
        if (holder != null) holder.path("to").forEach(n -> out.add(Db.text(n)));
        return out;
    }
}
