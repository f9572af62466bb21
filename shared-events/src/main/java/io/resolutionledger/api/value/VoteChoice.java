package io.resolutionledger.api.value;

/** One delegation's answer in a vote. */
public enum VoteChoice {
    YES, NO, ABSTAIN
}
