package io.resolutionledger.query.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemDetailsAdviceTest {

    private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();

    @Test
    void a_reader_that_cannot_open_its_transaction_because_the_database_is_away_is_told_503_with_retry_after() {
        ResponseEntity<ProblemDetail> answer = advice.unexpected(new CannotCreateTransactionException(
                "Could not open JDBC Connection for transaction", new CannotGetJdbcConnectionException("refused",
                new java.sql.SQLTransientConnectionException("HikariPool-1 - Connection is not available"))));
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isNotBlank();
        assertThat(answer.getBody().getProperties()).containsEntry("code", "STORE_UNAVAILABLE");
    }

    @Test
    void anything_else_unexpected_stays_a_500_without_details() {
        ResponseEntity<ProblemDetail> answer = advice.unexpected(new IllegalStateException("bug"));
        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getBody().getDetail()).doesNotContain("bug");
    }
}
