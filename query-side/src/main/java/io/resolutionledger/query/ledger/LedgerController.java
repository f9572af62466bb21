package io.resolutionledger.query.ledger;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.event.ResolutionPublished;
import io.resolutionledger.query.web.InvalidParameterException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The log's public face (API.md, "Verifiable history"): signed checkpoints, the verifier key, RFC 9162 inclusion and
 * consistency proofs, single leaves, and the auditors' verification. Checkpoints, the key and proofs are anonymous:
 * hashes reveal nothing; a leaf is shown anonymously only for the events of published resolutions, of sessions and
 * of the conference (its chair).
 */
@RestController
class LedgerController {

    private static final MediaType TEXT = new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8);
    private static final Set<String> AUDITOR_ROLES = Set.of("ROLE_AUDITOR", "ROLE_ADMIN");
    private static final Set<String> PUBLIC_AGGREGATES = Set.of("Session", "Conference");

    private final LogStore store;
    private final Checkpoints checkpoints;
    private final LogSigner signer;
    private final LeafReader reader;
    private final LogVerifier verifier;

    LedgerController(LogStore store, Checkpoints checkpoints, LogSigner signer, LeafReader reader,
                     LogVerifier verifier) {
        this.store = store;
        this.checkpoints = checkpoints;
        this.signer = signer;
        this.reader = reader;
        this.verifier = verifier;
    }

    @GetMapping(path = "/api/ledger/checkpoint")
    ResponseEntity<String> checkpoint(@RequestParam(required = false) Long size) {
        LogStore.StoredCheckpoint checkpoint = size == null ? checkpoints.latestOrIssue()
                : checkpoints.ofSize(nonNegative("size", size)).orElseThrow(() -> new LedgerRefusedException(
                ErrorCode.NOT_FOUND, "no checkpoint was issued for tree size " + size));
        return ResponseEntity.ok().contentType(TEXT).body(checkpoint.note());
    }

    /** On demand: signs the log's current size now (auditors and admins; see SecurityConfig). */
    @PostMapping(path = "/api/ledger/checkpoints")
    ResponseEntity<String> issue() {
        return ResponseEntity.status(HttpStatus.CREATED).contentType(TEXT).body(checkpoints.issue().note());
    }

    @GetMapping(path = "/api/ledger/public-key")
    ResponseEntity<String> publicKey() {
        return ResponseEntity.ok().contentType(TEXT).body(signer.verifier().toString() + "\n");
    }

    @GetMapping(path = "/api/ledger/proof/inclusion", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> inclusion(@RequestParam long index, @RequestParam long size) {
        long logSize = store.size();
        if (size < 1 || size > logSize) {
            throw InvalidParameterException.of("size", "must be 1 to the log's size (" + logSize + ")");
        }
        if (index < 0 || index >= size) {
            throw InvalidParameterException.of("index", "must be 0 to size - 1");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("index", index);
        answer.put("size", size);
        answer.put("hashes", base64(store.inclusionProof(index, size)));
        return answer;
    }

    @GetMapping(path = "/api/ledger/proof/consistency", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> consistency(@RequestParam long from, @RequestParam long to) {
        long logSize = store.size();
        if (to < 0 || to > logSize) {
            throw InvalidParameterException.of("to", "must be 0 to the log's size (" + logSize + ")");
        }
        if (from < 0 || from > to) {
            throw InvalidParameterException.of("from", "must be 0 to `to`");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("from", from);
        answer.put("to", to);
        answer.put("hashes", base64(store.consistencyProof(from, to)));
        return answer;
    }

    @GetMapping(path = "/api/ledger/entries/{index}", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> entry(@PathVariable long index, Authentication authentication) {
        LogStore.Place place = store.place(nonNegative("index", index)).orElseThrow(() ->
                new LedgerRefusedException(ErrorCode.NOT_FOUND, "the log has no leaf " + index));
        if (!auditor(authentication) && !publicEvent(place)) {
            // the same answer as for a leaf that does not exist: an unpublished matter's existence is not public
            throw new LedgerRefusedException(ErrorCode.NOT_FOUND, "the log has no leaf " + index);
        }
        var event = reader.at(place.globalIndex()).filter(e -> e.getIdentifier().equals(place.eventIdentifier()))
                .orElseThrow(() -> new LedgerRefusedException(ErrorCode.NOT_FOUND, "the event of leaf " + index
                        + " is no longer in the event store (GET /api/audit/verify tells more)"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("index", index);
        answer.put("leaf", Base64.getEncoder().encodeToString(reader.leaf(index, event).bytes()));
        return answer;
    }

    @GetMapping(path = "/api/audit/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    LogVerifier.Verification verify() {
        return verifier.verify();
    }

    private boolean publicEvent(LogStore.Place place) {
        if (PUBLIC_AGGREGATES.contains(place.aggregateType())) {
            return true;
        }
        return "Resolution".equals(place.aggregateType()) && place.aggregateIdentifier() != null
                && reader.aggregate(place.aggregateIdentifier()).stream()
                .anyMatch(e -> ResolutionPublished.class.getName().equals(e.getPayloadType().getName()));
    }

    static boolean auditor(Authentication authentication) {
        return authentication != null && authentication.isAuthenticated() && authentication.getAuthorities()
                .stream().anyMatch(a -> AUDITOR_ROLES.contains(a.getAuthority()));
    }

    private static List<String> base64(List<byte[]> hashes) {
        return hashes.stream().map(Base64.getEncoder()::encodeToString).toList();
    }

    private static long nonNegative(String field, long value) {
        if (value < 0) {
            throw InvalidParameterException.of(field, "must not be negative");
        }
        return value;
    }

}
