package io.resolutionledger.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.api.command.CreateSubscription;
import io.resolutionledger.api.command.DeleteSubscription;
import io.resolutionledger.api.command.RotateSubscriptionSecret;
import io.resolutionledger.api.value.Identifiers;
import io.resolutionledger.command.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Webhook subscriptions of delegations (or of the administrators): Standard Webhooks deliveries of the event types
 * named, sent by the query side from the event log (API.md, "Between and after sessions").
 */
@RestController
@RequestMapping(path = "/api/subscriptions", produces = MediaType.APPLICATION_JSON_VALUE)
public class SubscriptionController {

    private final CommandDispatcher dispatcher;

    public SubscriptionController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    public record SubscriptionRequest(
            @NotBlank @Size(max = 2_000) String url,
            @NotNull @Size(min = 1, max = 50) List<@NotNull @Size(max = 64) String> events) {
    }

    @Operation(summary = "Subscribe a URL to event types (the caller's delegation, or admin)",
            description = "`url`: http(s) on a host of ledger.webhooks.allowed-hosts (else 400 HOST_NOT_ALLOWED); "
                    + "`events`: event type names such as ResolutionAdopted, or *. Answers the subscription's id "
                    + "and its signing secret (whsec_…), which is shown here only.")
    @PostMapping
    public ResponseEntity<JsonNode> create(@Valid @RequestBody SubscriptionRequest body, Caller caller,
                                           HttpServletRequest http) {
        return dispatcher.send(http, caller, body, new CreateSubscription(Identifiers.newId(), body.url(),
                body.events(), caller.delegation(), caller.delegation() == null && caller.has(Caller.Role.ADMIN)));
    }

    @Operation(summary = "Rotate a subscription's signing secret (its owner)",
            description = "Answers the new secret (whsec_…, shown here only) and until when the previous secret "
                    + "still signs deliveries beside it (ledger.webhooks.rotation-overlap): during the overlap every "
                    + "delivery's webhook-signature holds two signatures, the new one first.")
    @PostMapping("/{id}/secret-rotation")
    public ResponseEntity<JsonNode> rotate(@PathVariable String id, Caller caller, HttpServletRequest http) {
        return dispatcher.send(http, caller, null, new RotateSubscriptionSecret(Paths.subscription(id),
                caller.delegation(), caller.delegation() == null && caller.has(Caller.Role.ADMIN)));
    }

    @Operation(summary = "End a subscription (its owner)")
    @DeleteMapping("/{id}")
    public ResponseEntity<JsonNode> delete(@PathVariable String id, Caller caller, HttpServletRequest http) {
        return dispatcher.send(http, caller, null, new DeleteSubscription(Paths.subscription(id),
                caller.delegation(), caller.delegation() == null && caller.has(Caller.Role.ADMIN)));
    }
}
