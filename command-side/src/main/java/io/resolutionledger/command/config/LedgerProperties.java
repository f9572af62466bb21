package io.resolutionledger.command.config;

import io.resolutionledger.api.value.ConferenceId;
import io.resolutionledger.api.value.DelegationCode;
import io.resolutionledger.api.value.VotingRule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/**
 * The conference this ledger keeps and its rules of procedure. Nothing about a particular conference is in the
 * code: the DMK is only the default configuration (application.yml).
 */
@Validated
@ConfigurationProperties(prefix = "ledger")
public record LedgerProperties(@Valid @NotNull Conference conference, @Valid @NotNull Snapshots snapshots) {

    public record Conference(
            @NotBlank String id,
            @NotBlank String name,
            @NotEmpty List<String> members,
            List<String> guests,
            @NotEmpty Map<@Pattern(regexp = RULE_NAME) String, @Valid @NotNull Rule> votingRules,
            @NotBlank String defaultVotingRule,
            LocalDate foundedOn) {

        /** How a rule is named in the catalogue and in requests: lower-case words joined by hyphens. */
        public static final String RULE_NAME = "[a-z0-9]+(-[a-z0-9]+)*";

        public ConferenceId conferenceId() {
            return ConferenceId.of(id);
        }

        public List<DelegationCode> memberCodes() {
            return members.stream().map(DelegationCode::of).sorted().toList();
        }

        /**
         * When the conference was founded ({@code founded-on}), which its establishment event carries as its
         * business time; without one, the first start establishes it now (history before that cannot be imported).
         */
        public Optional<LocalDate> founded() {
            return Optional.ofNullable(foundedOn);
        }

        public List<DelegationCode> guestCodes() {
            return guests == null ? List.of() : guests.stream().map(DelegationCode::of).sorted().toList();
        }
    }

    public record Rule(@NotNull VotingRule.Kind kind, @Min(0) int minimumYes, @Min(0) int quorum,
                       VotingRule.AbstentionPolicy abstentions) {

        public VotingRule toVotingRule() {
            return new VotingRule(kind, minimumYes, quorum,
                    abstentions == null ? VotingRule.AbstentionPolicy.NEUTRAL : abstentions);
        }
    }

    /** An aggregate is snapshotted after this many events since its last snapshot. */
    public record Snapshots(@Min(1) int threshold) {
    }
}
