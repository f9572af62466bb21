package io.resolutionledger.command.resolution;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.value.VotingRule;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The conference's catalogue of named voting rules, from configuration, and the one that applies when the chair names
 * none. A rule is read only when a vote opens and copied, name and terms, into {@code VoteOpened}; adoption applies
 * the copy, so a later change of configuration never rewrites an outcome.
 */
public final class RulesOfProcedure {

    /** A rule of the catalogue: its name and its terms. */
    public record NamedRule(String name, VotingRule terms) {
        public NamedRule {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(terms, "terms");
        }
    }

    private final Map<String, VotingRule> catalogue;
    private final String defaultRule;

    public RulesOfProcedure(Map<String, VotingRule> catalogue, String defaultRule) {
        this.catalogue = new TreeMap<>(catalogue);
        this.defaultRule = defaultRule;
        if (!this.catalogue.containsKey(defaultRule)) {
            throw new IllegalArgumentException("the default voting rule '" + defaultRule
                    + "' is not in the catalogue " + this.catalogue.keySet());
        }
    }

    /** A catalogue of one rule, which is then the default. */
    public static RulesOfProcedure of(String name, VotingRule rule) {
        return new RulesOfProcedure(Map.of(name, rule), name);
    }

    /**
     * @param name a rule's name, or null for the default
     * @throws LedgerRefusedException UNKNOWN_RULE for a name the catalogue does not hold
     */
    public NamedRule rule(String name) {
        String wanted = name == null ? defaultRule : name;
        VotingRule terms = catalogue.get(wanted);
        if (terms == null) {
            throw new LedgerRefusedException(ErrorCode.UNKNOWN_RULE, "the rules of procedure name no voting rule '"
                    + wanted + "'; they name " + String.join(", ", catalogue.keySet()));
        }
        return new NamedRule(wanted, terms);
    }

    public NamedRule defaultRule() {
        return rule(null);
    }

    public Map<String, VotingRule> catalogue() {
        return Map.copyOf(catalogue);
    }
}
