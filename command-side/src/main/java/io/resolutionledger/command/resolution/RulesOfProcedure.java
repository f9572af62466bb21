package io.resolutionledger.command.resolution;

import io.resolutionledger.api.value.VotingRule;

/**
 * The voting rule in force now, from configuration. It is read only when a vote opens and copied into
 * {@code VoteOpened}; adoption applies the copy, so a later change of configuration never rewrites an outcome.
 */
@FunctionalInterface
public interface RulesOfProcedure {

    VotingRule votingRule();
}
