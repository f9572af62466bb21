package io.resolutionledger.query.admin;

import java.util.List;

/**
 * The tables of the read-models group, which exist once per generation (migration V420: {@code <name>_a},
 * {@code <name>_b}, and the view {@code <name>} of the active one), with each one's primary key (what makes a row
 * one row: the rebuild's checksum sums over rows, so the same rows compare equal whatever their order).
 * {@code ReadModelTablesTest} holds this list against the database's catalogue.
 */
final class ReadModelTables {

    record Table(String name, String key) {
    }

    static final List<Table> ALL = List.of(
            new Table("resolution", "resolution_id"),
            new Table("resolution_version", "resolution_id, version"),
            new Table("tabled_amendment", "resolution_id, amendment_id"),
            new Table("resolution_vote", "resolution_id, version, delegation"),
            new Table("resolution_translation", "resolution_id, version, language"),
            new Table("session", "session_id"),
            new Table("session_agenda_item", "resolution_id"),
            new Table("conference", "conference_id"),
            new Table("chair_handover", "conference_id, sequence_number"),
            new Table("stats_resolution", "resolution_id"),
            new Table("stats_transition", "resolution_id, sequence"),
            new Table("mandate", "mandate_id"),
            new Table("mandate_report", "resolution_id, sequence"));

    private ReadModelTables() {
    }
}
