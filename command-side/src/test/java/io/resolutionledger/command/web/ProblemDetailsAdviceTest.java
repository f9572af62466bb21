package io.resolutionledger.command.web;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** The one mapping of failures to problem details, for the failures an HTTP test cannot easily provoke. */
class ProblemDetailsAdviceTest {

    private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();

    private static MockHttpServletRequest post(String path) {
        return new MockHttpServletRequest("POST", path);
    }

    private ResponseEntity<Object> answer(Exception e, String path) {
        return advice.any(e, post(path));
    }

    @Test
    void anUnreachableStoreIs503WithRetryAfterEvenWhenWrapped() {
        ResponseEntity<Object> r = answer(new CommandExecutionException("failed",
                new EventStoreException("append failed", new CannotGetJdbcConnectionException("no connection"))),
                "/api/resolutions/r-1/amendments");
        assertThat(r.getStatusCode().value()).isEqualTo(503);
        assertThat(r.getHeaders().getFirst("Retry-After")).isEqualTo("2");
        assertThat(((ProblemDetail) r.getBody()).getProperties()).containsEntry("code", "STORE_UNAVAILABLE");

        assertThat(answer(new RuntimeException(new SQLTransientConnectionException("HikariPool-1 - timeout")),
                "/api/sessions").getStatusCode().value()).isEqualTo(503);
        assertThat(answer(new RuntimeException(new SQLException("terminating", "57P01")), "/api/sessions")
                .getStatusCode().value()).isEqualTo(503);
    }

    @Test
    void concurrencyIsAVersionConflictWithIfMatchAConcurrentModificationWithoutAndAnExistingIdForCreations() {
        MockHttpServletRequest withIfMatch = post("/api/resolutions/r-1/amendments");
        withIfMatch.addHeader("If-Match", "\"3\"");
        assertThat(code(advice.any(new ConcurrencyException("seq taken"), withIfMatch))).isEqualTo("VERSION_CONFLICT");
        ResponseEntity<Object> vote = answer(new ConcurrencyException("seq taken"), "/api/resolutions/r-1/votes");
        assertThat(code(vote)).isEqualTo("CONCURRENT_MODIFICATION");
        assertThat(vote.getStatusCode().value()).isEqualTo(409);
        assertThat(code(answer(new ConcurrencyException("seq taken"), "/api/sessions"))).isEqualTo("ALREADY_EXISTS");
        assertThat(code(answer(new ConcurrencyException("seq taken"), "/api/resolutions"))).isEqualTo("ALREADY_EXISTS");
    }

    @Test
    void aConnectionThatDiedUnderTheEventStoreIs503() {
        java.sql.SQLException closed = new java.sql.SQLException("Connection is closed");
        ResponseEntity<Object> r = answer(new org.axonframework.common.jdbc.JdbcException(
                "Failed to create a SQL statement", closed), "/api/resolutions/r-1/votes");
        assertThat(r.getStatusCode().value()).isEqualTo(503);
        assertThat(code(r)).isEqualTo("STORE_UNAVAILABLE");
    }

    @Test
    void unknownAggregatesAre404ByRoute() {
        assertThat(code(answer(new AggregateNotFoundException("x", "gone"), "/api/sessions/x/opening")))
                .isEqualTo("SESSION_NOT_FOUND");
        assertThat(code(answer(new AggregateNotFoundException("x", "gone"), "/api/resolutions/x/voting")))
                .isEqualTo("RESOLUTION_NOT_FOUND");
    }

    @Test
    void refusalsKeepTheirCodeOnAnyBus() {
        assertThat(code(answer(new LedgerRefusedException(ErrorCode.NOT_CHAIR, "no"), "/api/sessions")))
                .isEqualTo("NOT_CHAIR");
        assertThat(code(answer(new CommandExecutionException("no", null,
                new LedgerRefusedException(ErrorCode.RULE_NOT_MET, "no").toRefusal()), "/api/resolutions/r/adoption")))
                .isEqualTo("RULE_NOT_MET");
    }

    @Test
    void anythingElseIsAGeneric500WithoutDetails() {
        ResponseEntity<Object> r = answer(new IllegalStateException("secret internals"), "/api/resolutions");
        assertThat(r.getStatusCode().value()).isEqualTo(500);
        assertThat(((ProblemDetail) r.getBody()).getDetail()).doesNotContain("secret");
        assertThat(code(r)).isEqualTo("INTERNAL_ERROR");
    }

    private static String code(ResponseEntity<Object> r) {
        return String.valueOf(((ProblemDetail) r.getBody()).getProperties().get("code"));
    }
}
