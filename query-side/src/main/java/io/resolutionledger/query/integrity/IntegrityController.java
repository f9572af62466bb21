package io.resolutionledger.query.integrity;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/audit/verify}: the integrity check of the whole history (auditors; see SecurityConfig). */
@RestController
class IntegrityController {

    private final ChainVerifier verifier;

    IntegrityController(ChainVerifier verifier) {
        this.verifier = verifier;
    }

    @GetMapping(path = "/api/audit/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> verify() {
        ChainVerifier.Verification v = verifier.verify();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("valid", v.valid());
        answer.put("events", v.events());
        answer.put("head", v.head());
        answer.put("headPosition", v.headPosition());
        answer.put("unchained", v.unchained());
        answer.put("algorithm", "SHA-256(previous link || length-prefixed stored fields), genesis = 32 zero bytes");
        v.brokenAt().ifPresent(b -> answer.put("brokenAt", b));
        return answer;
    }
}
