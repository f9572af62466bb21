package io.resolutionledger.query.chair;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.value.DelegationCode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/**
 * The conference this ledger keeps, as its establishment event says: its members (who propose, amend and vote) and its
 * guests (who attend without a vote). Public, like the publication formats that name them. What clients use to offer
 * the members as co-sponsors or to record attendance, instead of a list of their own.
 */
@RestController
public class ConferenceController {

    private final ChairHistory history;

    public ConferenceController(ChairHistory history) {
        this.history = history;
    }

    public record Conference(String conferenceId, String name, List<String> members, List<String> guests,
                             Instant establishedAt) {
    }

    @GetMapping("/api/conference")
    public Conference conference() {
        // a ledger keeps one conference (command side: ledger.conference); the first established is it
        ChairHistory.ConferenceRecord record = history.conferenceIds().stream().sorted()
                .map(history::conference).flatMap(java.util.Optional::stream)
                .min(java.util.Comparator.comparing(c -> c.establishment().occurredAt()))
                .orElseThrow(() -> new LedgerRefusedException(ErrorCode.CONFERENCE_NOT_FOUND,
                        "no conference has been established in this ledger yet"));
        var e = record.establishment();
        return new Conference(e.conferenceId().value(), e.name(),
                e.members().stream().map(DelegationCode::value).toList(),
                e.guests().stream().map(DelegationCode::value).toList(), e.occurredAt());
    }
}
