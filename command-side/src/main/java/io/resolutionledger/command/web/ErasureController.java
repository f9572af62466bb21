package io.resolutionledger.command.web;

import io.resolutionledger.command.security.Pseudonyms;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * Erasure of a person (GDPR Art. 17), by an administrator: the person's pseudonym key is deleted
 * ({@link Pseudonyms}), so that the pseudonym in their events no longer leads to them. Nothing in the event store
 * changes: every leaf, checkpoint and proof stays valid.
 */
@RestController
@RequestMapping(path = "/api/admin", produces = MediaType.APPLICATION_JSON_VALUE)
public class ErasureController {

    private static final Logger log = LoggerFactory.getLogger(ErasureController.class);

    private final Pseudonyms pseudonyms;

    public ErasureController(Pseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
    }

    /** {@code subject}: the {@code sub} of the person's tokens at the identity provider. */
    public record ErasureRequest(@NotBlank @Size(max = 255) String subject) {
    }

    /** 200 {@code {erased}}: true when a key was erased, false when the person had none (nothing to erase). */
    @PostMapping(path = "/erasures", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> erase(@Valid @RequestBody ErasureRequest body) {
        boolean erased = pseudonyms.erase(body.subject());
        // the log line names nobody: the subject is what is being erased
        log.info("erasure requested by an administrator: {}", erased ? "a pseudonym key was erased"
                : "no pseudonym key to erase");
        return Map.of("erased", erased);
    }
}
