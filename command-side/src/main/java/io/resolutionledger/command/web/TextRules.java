package io.resolutionledger.command.web;

/** Limits and character rules shared by the request records. */
final class TextRules {

    static final int TITLE_MAX = 300;
    static final int TEXT_MAX = 100_000;
    static final int REASON_MAX = 2_000;
    static final int REFERENCE_MAX = 200;
    static final int PLACE_MAX = 200;
    static final int TOPICS_MAX = 20;
    static final int TOPIC_MAX = 64;
    static final int CO_SPONSORS_MAX = 64;
    static final int RULE_NAME_MAX = 64;
    static final int NAME_MAX = 200;
    static final int AGENDA_MAX = 200;

    /** No control characters at all: titles, places, references. */
    static final String SINGLE_LINE = "[^\\x00-\\x1F\\x7F-\\x9F]*";
    static final String SINGLE_LINE_MESSAGE = "must not contain control characters";
    /** Line feeds and tabs allowed, no other control characters: texts and reasons. */
    static final String MULTI_LINE = "[^\\x00-\\x08\\x0B-\\x1F\\x7F-\\x9F]*";
    static final String MULTI_LINE_MESSAGE = "must not contain control characters other than line feed and tab";
    static final int PARTIES_MAX = 20;
    static final int PARTY_MAX = 40;
    static final String PARTY = "[A-Z][A-Z0-9]*(-[A-Z0-9]+)*";
    static final String PARTY_MESSAGE = "must be upper-case letters, digits and single hyphens, e.g. BUND or TK-UNTERNEHMEN";
    static final String TOPIC = "[a-z0-9-]+";
    static final String TOPIC_MESSAGE = "must be lowercase letters, digits and '-'";

    private TextRules() {
    }
}
