package io.resolutionledger.command.support;

import io.resolutionledger.api.value.ConferenceId;
import io.resolutionledger.api.value.DelegationCode;
import io.resolutionledger.api.value.VotingRule;
import io.resolutionledger.command.resolution.RulesOfProcedure;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The reference conference of the tests: the DMK with its 16 Länder, two guests and a 13-of-16 rule. */
public final class Dmk {

    public static final ConferenceId ID = ConferenceId.of("DMK");
    public static final DelegationCode BW = code("DE-BW"), BY = code("DE-BY"), BE = code("DE-BE"), BB = code("DE-BB"),
            HB = code("DE-HB"), HH = code("DE-HH"), HE = code("DE-HE"), MV = code("DE-MV"), NI = code("DE-NI"),
            NW = code("DE-NW"), RP = code("DE-RP"), SL = code("DE-SL"), SN = code("DE-SN"), ST = code("DE-ST"),
            SH = code("DE-SH"), TH = code("DE-TH");
    public static final List<DelegationCode> MEMBERS =
            Stream.of(BW, BY, BE, BB, HB, HH, HE, MV, NI, NW, RP, SL, SN, ST, SH, TH).sorted().toList();
    public static final DelegationCode BMDS = code("DE-BMDS"), BSI = code("DE-BSI");
    public static final List<DelegationCode> GUESTS = List.of(BMDS, BSI);
    public static final DelegationCode OUTSIDER = code("AT-9");
    public static final VotingRule RULE = VotingRule.qualifiedMajority(13, 9);
    public static final VotingRule UNANIMITY =
            new VotingRule(VotingRule.Kind.UNANIMITY, 0, 9, VotingRule.AbstentionPolicy.COUNT_AS_NO);
    public static final VotingRule SIMPLE_MAJORITY = VotingRule.simpleMajority(9);
    /** The DMK's catalogue as application.yml configures it. */
    public static final RulesOfProcedure RULES = new RulesOfProcedure(Map.of("qualified-majority", RULE,
            "unanimity", UNANIMITY, "simple-majority", SIMPLE_MAJORITY), "qualified-majority");

    private Dmk() {
    }

    private static DelegationCode code(String value) {
        return DelegationCode.of(value);
    }
}
