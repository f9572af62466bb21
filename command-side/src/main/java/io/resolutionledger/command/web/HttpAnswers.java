package io.resolutionledger.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.resolutionledger.api.command.AcceptTabledAmendment;
import io.resolutionledger.api.command.AddAgendaItem;
import io.resolutionledger.api.command.AddTranslation;
import io.resolutionledger.api.command.AdoptResolution;
import io.resolutionledger.api.command.AmendResolution;
import io.resolutionledger.api.command.CreateSubscription;
import io.resolutionledger.api.command.DeleteSubscription;
import io.resolutionledger.api.command.RotateSubscriptionSecret;
import io.resolutionledger.api.event.SubscriptionSecretRotated;
import io.resolutionledger.api.command.GiveMandate;
import io.resolutionledger.api.command.HandOverChair;
import io.resolutionledger.api.command.OpenVote;
import io.resolutionledger.api.command.OpenWrittenProcedure;
import io.resolutionledger.api.command.ConcludeWrittenProcedure;
import io.resolutionledger.api.event.ResolutionAdopted;
import io.resolutionledger.api.event.ResolutionRejected;
import io.resolutionledger.api.command.ProposeResolution;
import io.resolutionledger.api.command.RejectResolution;
import io.resolutionledger.api.command.ScheduleSession;
import io.resolutionledger.api.command.TableAmendment;
import io.resolutionledger.api.json.LedgerJson;
import io.resolutionledger.api.webhooks.StandardWebhooks;
import io.resolutionledger.webhooks.WebhookProperties;
import io.resolutionledger.command.idempotency.AnswerRenderer;
import io.resolutionledger.command.idempotency.CommandAnswer;
import org.springframework.stereotype.Component;

/**
 * The HTTP answer to each command, from the command and its handler's result only (see API.md): deterministic, so
 * a replayed {@code Idempotency-Key} answers exactly what the first request got.
 */
@Component
public class HttpAnswers implements AnswerRenderer {

    private static final ObjectMapper JSON = LedgerJson.messageMapper();

    private final WebhookProperties webhooks;

    public HttpAnswers(WebhookProperties webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    public CommandAnswer render(Object command, Object result) {
        if (command instanceof ProposeResolution c) {
            ObjectNode body = JSON.createObjectNode().put("resolutionId", c.resolutionId().value()).put("version", 1L);
            return new CommandAnswer(201, "/api/resolutions/" + c.resolutionId().value(), 1L, body);
        }
        if (command instanceof AmendResolution || command instanceof AcceptTabledAmendment) {
            Long version = version(result);
            ObjectNode body = JSON.createObjectNode();
            body.set("version", version == null ? JSON.nullNode() : JSON.getNodeFactory().numberNode(version));
            return new CommandAnswer(200, null, version, body);
        }
        if (command instanceof AddTranslation c) {
            ObjectNode body = JSON.createObjectNode().put("version", c.version()).put("language", c.language());
            return new CommandAnswer(201, "/api/resolutions/" + c.resolutionId().value() + "/versions/"
                    + c.version() + "?lang=" + c.language(), null, body);
        }
        if (command instanceof TableAmendment c) {
            ObjectNode body = JSON.createObjectNode().put("amendmentId", c.amendmentId().value());
            return new CommandAnswer(201, "/api/resolutions/" + c.resolutionId().value()
                    + "/tabled-amendments/" + c.amendmentId().value(), null, body);
        }
        if (command instanceof OpenVote || command instanceof OpenWrittenProcedure) {
            JsonNode opened = JSON.valueToTree(result);
            Long version = version(result);
            ObjectNode body = JSON.createObjectNode();
            body.set("version", version == null ? JSON.nullNode() : JSON.getNodeFactory().numberNode(version));
            // the rule's name in the catalogue and its terms, as frozen into the vote
            ObjectNode rule = JSON.createObjectNode();
            if (opened != null && opened.has("ruleName")) {
                rule.set("name", opened.get("ruleName"));
            }
            if (opened != null && opened.get("rule") instanceof ObjectNode terms) {
                rule.setAll(terms);
            }
            body.set("rule", rule.isEmpty() ? JSON.nullNode() : rule);
            if (command instanceof OpenWrittenProcedure written) {
                body.put("deadline", written.deadline().toString());
            }
            return new CommandAnswer(200, null, version, body);
        }
        if (command instanceof ConcludeWrittenProcedure) {
            ObjectNode body = JSON.createObjectNode();
            if (result instanceof ResolutionAdopted adopted) {
                body.set("tally", JSON.valueToTree(adopted.tally()));
                body.put("outcome", "ADOPTED").put("decidedBy", adopted.decidedBy().name());
            } else if (result instanceof ResolutionRejected rejected) {
                body.set("tally", JSON.valueToTree(rejected.tally()));
                body.put("outcome", "REJECTED").put("decidedBy", rejected.decidedBy().name());
            }
            return new CommandAnswer(200, null, null, body);
        }
        if (command instanceof AdoptResolution || command instanceof RejectResolution) {
            JsonNode tally = JSON.valueToTree(result);
            ObjectNode body = JSON.createObjectNode();
            body.set("tally", tally != null && tally.has("tally") ? tally.get("tally")
                    : tally == null ? JSON.nullNode() : tally);
            return new CommandAnswer(200, null, null, body);
        }
        if (command instanceof CreateSubscription c) {
            // the secret is derived, never stored in the log; it is in this answer (and so in its idempotency record)
            ObjectNode body = JSON.createObjectNode().put("subscriptionId", c.subscriptionId())
                    .put("secret", StandardWebhooks.secret(webhooks.key(), c.subscriptionId()));
            return new CommandAnswer(201, "/api/subscriptions/" + c.subscriptionId(), null, body);
        }
        if (command instanceof RotateSubscriptionSecret c && result instanceof SubscriptionSecretRotated rotated) {
            ObjectNode body = JSON.createObjectNode().put("subscriptionId", c.subscriptionId())
                    .put("secret", StandardWebhooks.secret(webhooks.key(), c.subscriptionId(), rotated.generation()))
                    .put("generation", rotated.generation())
                    .put("previousSecretValidUntil", rotated.previousValidUntil().toString());
            return new CommandAnswer(200, null, null, body);
        }
        if (command instanceof DeleteSubscription) {
            return new CommandAnswer(204, null, null, null);
        }
        if (command instanceof GiveMandate c) {
            ObjectNode body = JSON.createObjectNode().put("mandateId", c.mandateId());
            return new CommandAnswer(201, "/api/resolutions/" + c.resolutionId().value() + "/mandates/"
                    + c.mandateId(), null, body);
        }
        if (command instanceof AddAgendaItem c) {
            ObjectNode body = JSON.createObjectNode().put("itemId", c.itemId());
            if (result instanceof Number number) {
                body.put("number", number.intValue());
            }
            return new CommandAnswer(201, "/api/sessions/" + c.sessionId().value(), null, body);
        }
        if (command instanceof ScheduleSession c) {
            ObjectNode body = JSON.createObjectNode().put("sessionId", c.sessionId().value());
            return new CommandAnswer(201, "/api/sessions/" + c.sessionId().value(), null, body);
        }
        if (command instanceof HandOverChair c) {
            ObjectNode body = JSON.createObjectNode().put("year", c.year());
            body.set("to", JSON.valueToTree(c.to()));
            body.put("effectiveFrom", c.effectiveFrom().toString());
            return new CommandAnswer(201, "/api/chair/handovers", null, body);
        }
        return new CommandAnswer(200, null, null, null);
    }

    /** A handler's version: a number, or the {@code version} of a record (e.g. {@code VoteOpened}). */
    private static Long version(Object result) {
        if (result instanceof Number n) {
            return n.longValue();
        }
        if (result == null) {
            return null;
        }
        JsonNode node = JSON.valueToTree(result);
        return node != null && node.has("version") && node.get("version").canConvertToLong()
                ? node.get("version").asLong() : null;
    }
}
