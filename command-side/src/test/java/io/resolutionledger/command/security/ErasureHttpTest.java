package io.resolutionledger.command.security;

import io.resolutionledger.command.support.TestTokens;
import io.resolutionledger.command.web.CommandHttpTestSupport;
import org.junit.jupiter.api.Test;


import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The person behind a token is kept only as a keyed pseudonym, and an administrator can erase the key: the stored
 * events (hence every leaf, checkpoint and proof) stay byte for byte as they were, and nothing in the database leads
 * from the pseudonym back to the person any more.
 */
class ErasureHttpTest extends CommandHttpTestSupport {

    private String subject() {
        return "person-" + UUID.randomUUID();
    }

    private String proposeAs(String subject) {
        Response r = post("/api/resolutions", TestTokens.delegate(SPONSOR, subject), proposal(session(false)));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.json().get("resolutionId").asText();
    }

    private String storedMetaData(String resolution) {
        return jdbc.queryForObject("SELECT convert_from(meta_data, 'UTF8') FROM ledger_write.domain_event_entry "
                + "WHERE aggregate_identifier = ? AND sequence_number = 0", String.class, resolution);
    }

    /** Every stored byte of the event store, as a digest: what the log's leaves are built from. */
    private String eventStoreDigest() {
        return jdbc.queryForObject("SELECT md5(string_agg(event_identifier || encode(payload, 'hex') || "
                + "encode(coalesce(meta_data, ''::bytea), 'hex'), ',' ORDER BY global_index)) "
                + "FROM ledger_write.domain_event_entry", String.class);
    }

    private Response erase(String token, String subject) {
        return post("/api/admin/erasures", token, json(Map.of("subject", subject)));
    }

    @Test
    void events_carry_a_keyed_pseudonym_of_the_person_never_the_subject() {
        String subject = subject();
        String first = proposeAs(subject);
        String second = proposeAs(subject);
        String metaData = storedMetaData(first);
        assertThat(metaData).doesNotContain(subject);
        String pseudonym = JSON_field(metaData, "user");
        assertThat(pseudonym).startsWith(Pseudonyms.PREFIX);
        byte[] key = jdbc.queryForObject("SELECT hmac_key FROM ledger_keys.person_key WHERE subject = ?",
                byte[].class, subject);
        assertThat(pseudonym).isEqualTo(Pseudonyms.pseudonym(key, subject));
        assertThat(JSON_field(storedMetaData(second), "user")).as("the same person, the same pseudonym")
                .isEqualTo(pseudonym);
        assertThat(JSON_field(storedMetaData(proposeAs(subject())), "user")).isNotEqualTo(pseudonym);
        Long clear = jdbc.queryForObject("SELECT count(*) FROM ledger_write.domain_event_entry WHERE "
                + "position(convert_to(?, 'UTF8') in meta_data) > 0 OR position(convert_to(?, 'UTF8') in payload) > 0",
                Long.class, subject, subject);
        assertThat(clear).isZero();
    }

    @Test
    void erasing_the_key_changes_no_stored_event_and_unlinks_the_person() {
        String subject = subject();
        String resolution = proposeAs(subject);
        String pseudonym = JSON_field(storedMetaData(resolution), "user");
        String before = eventStoreDigest();

        assertThat(erase(TestTokens.delegate(SPONSOR), subject).status()).as("delegates may not erase").isEqualTo(403);
        Response erased = erase(TestTokens.admin(), subject);
        assertThat(erased.status()).as(erased.raw()).isEqualTo(200);
        assertThat(erased.json().get("erased").asBoolean()).isTrue();

        assertThat(eventStoreDigest()).as("no stored byte of the log changed").isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_keys.person_key WHERE subject = ?", Long.class,
                subject)).isZero();
        // the person comes back: a new key, a pseudonym unrelated to the erased one
        String again = JSON_field(storedMetaData(proposeAs(subject)), "user");
        assertThat(again).isNotEqualTo(pseudonym);
        assertThat(erase(TestTokens.admin(), subject()).json().get("erased").asBoolean()).isFalse();
    }

    @Test
    void an_erasure_without_a_subject_is_a_problem_and_erases_nothing() {
        Long keys = jdbc.queryForObject("SELECT count(*) FROM ledger_keys.person_key", Long.class);
        Response r = post("/api/admin/erasures", TestTokens.admin(), json(Map.of("subject", " ")));
        assertProblem(r, 400, "VALIDATION_FAILED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_keys.person_key", Long.class)).isEqualTo(keys);
    }

    private static String JSON_field(String json, String field) {
        try {
            return JSON.readTree(json).path(field).asText(null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
