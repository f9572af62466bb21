package io.resolutionledger.query.deadletters;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.query.web.Problems;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Events a projection could not handle, parked by Axon's dead-letter queue of its processing group (the processor
 * goes on with every other sequence; later events of the same aggregate wait behind the parked one). Administrators
 * list them, retry a group once the cause is fixed, or evict a sequence for good. {@code /api/admin/**} is ADMIN only.
 */
@RestController
@RequestMapping(path = "/api/admin/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
public class DeadLetterController {

    /** Upper bound of sequences listed per group and of retries per request. */
    static final int MAX_SEQUENCES = 1_000;

    private final EventProcessingConfiguration processing;

    public DeadLetterController(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    public record Letter(String sequenceIdentifier, long sequenceIndex, String eventType, String eventIdentifier,
                         Long globalIndex, String aggregateIdentifier, String causeType, String causeMessage,
                         Instant enqueuedAt, Instant lastTouched) {
    }

    public record Group(String processingGroup, long sequences, long letters, List<Letter> deadLetters) {
    }

    @GetMapping
    public Map<String, Object> list() {
        List<Group> groups = new ArrayList<>();
        queues().forEach((name, queue) -> {
            List<Letter> letters = new ArrayList<>();
            int sequences = 0;
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                if (++sequences > MAX_SEQUENCES) {
                    break;
                }
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    letters.add(letter(letter));
                }
            }
            groups.add(new Group(name, queue.amountOfSequences(), queue.size(), letters));
        });
        return Map.of("groups", groups);
    }

    @PostMapping("/{group}/retry")
    public ResponseEntity<Object> retry(@PathVariable String group) {
        Optional<SequencedDeadLetterProcessor<EventMessage<?>>> processor = processing.sequencedDeadLetterProcessor(group);
        Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue = processing.deadLetterQueue(group);
        if (processor.isEmpty() || queue.isEmpty()) {
            return unknownGroup(group);
        }
        long before = queue.get().amountOfSequences();
        int succeeded = 0;
        for (long i = 0; i < Math.min(before, MAX_SEQUENCES); i++) {
            if (processor.get().processAny()) {
                succeeded++;
            }
        }
        long after = queue.get().amountOfSequences();
        return ResponseEntity.ok(Map.of("processingGroup", group, "sequencesBefore", before,
                "sequencesSucceeded", succeeded, "sequencesLeft", after));
    }

    @DeleteMapping("/{group}/{sequenceIdentifier}")
    public ResponseEntity<Object> evict(@PathVariable String group, @PathVariable String sequenceIdentifier) {
        Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue = processing.deadLetterQueue(group);
        if (queue.isEmpty()) {
            return unknownGroup(group);
        }
        List<DeadLetter<? extends EventMessage<?>>> letters = new ArrayList<>();
        queue.get().deadLetterSequence(sequenceIdentifier).forEach(letters::add);
        if (letters.isEmpty()) {
            return ResponseEntity.status(404).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.of(ErrorCode.NOT_FOUND, "no dead letters of sequence " + sequenceIdentifier
                            + " in " + group));
        }
        letters.forEach(queue.get()::evict);
        return ResponseEntity.ok(Map.of("processingGroup", group, "sequenceIdentifier", sequenceIdentifier,
                "evicted", letters.size()));
    }

    private Map<String, SequencedDeadLetterQueue<EventMessage<?>>> queues() {
        Map<String, SequencedDeadLetterQueue<EventMessage<?>>> queues = new TreeMap<>();
        for (String name : processing.eventProcessors().keySet()) {
            processing.deadLetterQueue(name).ifPresent(q -> queues.put(name, q));
        }
        return queues;
    }

    private static Letter letter(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> message = letter.message();
        Long globalIndex = message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? tracked.trackingToken().position().stream().boxed().findFirst().orElse(null) : null;
        String aggregate = message instanceof org.axonframework.eventhandling.DomainEventMessage<?> domain
                ? domain.getAggregateIdentifier() : null;
        String sequence = letter instanceof JdbcDeadLetter<?> jdbc ? jdbc.getSequenceIdentifier() : aggregate;
        long index = letter instanceof JdbcDeadLetter<?> jdbc ? jdbc.getSequenceIndex() : -1;
        return new Letter(sequence, index, message.getPayloadType().getName(), message.getIdentifier(), globalIndex,
                aggregate, letter.cause().map(c -> c.type()).orElse(null),
                letter.cause().map(c -> c.message()).orElse(null), letter.enqueuedAt(), letter.lastTouched());
    }

    private static ResponseEntity<Object> unknownGroup(String group) {
        return ResponseEntity.status(404).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(ErrorCode.NOT_FOUND, "no processing group with a dead-letter queue named " + group));
    }
}
