package io.resolutionledger.command.web;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
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
                new EventStoreException("append failed", new CannotGetJdbcConnectionException("no connection",
                        new SQLTransientConnectionException("HikariPool-1 - Connection is not available")))),
                "/api/resolutions/r-1/amendments");
        assertThat(r.getStatusCode().value()).isEqualTo(503);
        assertThat(r.getHeaders().getFirst("Retry-After")).isEqualTo("2");
        assertThat(((ProblemDetail) r.getBody()).getProperties()).containsEntry("code", "STORE_UNAVAILABLE");

        assertThat(answer(new RuntimeException(new SQLTransientConnectionException("HikariPool-1 - timeout")),
                "/api/sessions").getStatusCode().value()).isEqualTo(503);
        assertThat(answer(new RuntimeException(new SQLException("terminating", "57P01")), "/api/sessions")
                .getStatusCode().value()).isEqualTo(503);
    }

    /** What the dispatcher knows about a command: its aggregate, whether it creates it, whether If-Match was sent. */
    private static CommandFailedException failed(RuntimeException failure, Class<?> aggregate, boolean creation,
                                                 boolean ifMatch) {
        return new CommandFailedException(null, new CommandTargets.Target(aggregate, creation), ifMatch, failure);
    }

    static class Resolution {
    }

    static class Session {
    }

    @Test
    void concurrencyIsAVersionConflictWithIfMatchAConcurrentModificationWithoutAndAnExistingIdForCreations() {
        assertThat(code(answer(failed(new ConcurrencyException("seq taken"), Resolution.class, false, true),
                "/any"))).isEqualTo("VERSION_CONFLICT");
        ResponseEntity<Object> vote = answer(failed(new ConcurrencyException("seq taken"), Resolution.class, false,
                false), "/any");
        assertThat(code(vote)).isEqualTo("CONCURRENT_MODIFICATION");
        assertThat(vote.getStatusCode().value()).isEqualTo(409);
        assertThat(code(answer(failed(new ConcurrencyException("seq taken"), Session.class, true, false), "/any")))
                .isEqualTo("ALREADY_EXISTS");
        assertThat(code(answer(new ConcurrencyException("seq taken"), "/api/sessions")))
                .as("without context: not a creation").isEqualTo("CONCURRENT_MODIFICATION");
    }

    @Test
    void aConnectionThatDiedUnderTheEventStoreIs503() {
        // what HikariCP throws from the stand-in of a connection it closed under its holder (no SQL state)
        java.sql.SQLException closed = new java.sql.SQLException("Connection is closed");
        closed.setStackTrace(new StackTraceElement[]{new StackTraceElement(
                "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection", "invoke", "ProxyConnection.java", 515)});
        ResponseEntity<Object> r = answer(new org.axonframework.common.jdbc.JdbcException(
                "Failed to create a SQL statement", closed), "/api/resolutions/r-1/votes");
        assertThat(r.getStatusCode().value()).isEqualTo(503);
        assertThat(code(r)).isEqualTo("STORE_UNAVAILABLE");
    }

    @Test
    void unknownAggregatesAre404ByTheCommandsAggregateNotByThePath() {
        assertThat(code(answer(failed(new AggregateNotFoundException("x", "gone"), Session.class, false, false),
                "/api/resolutions/x/voting"))).isEqualTo("SESSION_NOT_FOUND");
        assertThat(code(answer(failed(new IncompatibleAggregateException("another kind"),
                Resolution.class, false, false), "/api/sessions/x"))).isEqualTo("RESOLUTION_NOT_FOUND");
        assertThat(code(answer(new AggregateNotFoundException("x", "gone"), "/api/resolutions/x/voting")))
                .isEqualTo("NOT_FOUND");
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
