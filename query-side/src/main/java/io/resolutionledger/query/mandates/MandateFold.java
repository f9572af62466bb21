package io.resolutionledger.query.mandates;

import io.resolutionledger.api.event.MandateGiven;
import io.resolutionledger.api.event.MandateReported;
import io.resolutionledger.api.event.ResolutionEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A resolution's mandates folded from its events, as {@link MandateProjection} keeps them: for time travel, which
 * reads the events instead of the table. Pure: {@code today} is the day against which "overdue" is judged.
 */
public final class MandateFold {

    private MandateFold() {
    }

    public static List<MandateView> mandates(List<? extends ResolutionEvent> events, LocalDate today) {
        Map<String, MandateView> byId = new LinkedHashMap<>();
        for (ResolutionEvent event : events) {
            if (event instanceof MandateGiven given && !byId.containsKey(given.mandateId())) {
                byId.put(given.mandateId(), view(given.mandateId(), given.resolutionId().value(), given.task(),
                        given.owner().value(), given.due(), "OPEN", null, given.occurredAt(), given.occurredAt(),
                        today));
            } else if (event instanceof MandateReported reported && byId.containsKey(reported.mandateId())) {
                MandateView m = byId.get(reported.mandateId());
                byId.put(m.mandateId(), view(m.mandateId(), m.resolutionId(), m.task(), m.owner(), m.due(),
                        reported.status().name(), reported.note(), m.givenAt(), reported.occurredAt(), today));
            }
        }
        return byId.values().stream().sorted(Comparator.comparing(MandateView::due)
                .thenComparing(MandateView::mandateId)).toList();
    }

    private static MandateView view(String id, String resolutionId, String task, String owner, LocalDate due,
                                    String status, String note, Instant givenAt, Instant updatedAt, LocalDate today) {
        return new MandateView(id, resolutionId, task, owner, due, status, note,
                !"DONE".equals(status) && due.isBefore(today), givenAt, updatedAt);
    }
}
