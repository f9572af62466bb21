package io.resolutionledger.query.config;

import java.util.Locale;

/**
 * One of the two generations of the read-models group's tables (migration V420): each table exists as
 * {@code <name>_a} and {@code <name>_b}, and its plain name is a view of the active one. Each generation has a
 * processor of its own ({@code read-models-a}, {@code read-models-b}) with its own tokens and dead letters; the
 * projections are built once per generation and write only its tables. Which one readers see is a row in the
 * database ({@link ReadModelGenerations}), so every instance sees the same.
 */
public enum Generation {
    A, B;

    /** The suffix of its tables and of its processor's name. */
    public String suffix() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Generation other() {
        return this == A ? B : A;
    }

    /** The name of this generation's processor (its processing group). */
    public String processor() {
        return Projections.READ_MODELS + "-" + suffix();
    }

    /** The qualified name of this generation's copy of a read-model table. */
    public String table(String name) {
        return "ledger_read." + name + "_" + suffix();
    }

    public static Generation of(String suffix) {
        return valueOf(suffix.strip().toUpperCase(Locale.ROOT));
    }

    /** The generation whose processor this is, or null for another processor. */
    public static Generation ofProcessor(String processor) {
        for (Generation generation : values()) {
            if (generation.processor().equals(processor)) {
                return generation;
            }
        }
        return null;
    }
}
