package io.resolutionledger.query.mandates;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A mandate of an adopted resolution: a task for a delegation, due on a day, and where it stands ({@code OPEN},
 * {@code IN_PROGRESS}, {@code DONE}, with the last report's note); {@code overdue} when its day has passed and it is
 * not done.
 */
public record MandateView(String mandateId, String resolutionId, String task, String owner, LocalDate due,
                          String status, String note, boolean overdue, Instant givenAt, Instant updatedAt) {
}
