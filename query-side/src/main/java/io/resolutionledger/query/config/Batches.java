package io.resolutionledger.query.config;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The row changes a projection collects while its processor handles one batch of events. A pooled streaming
 * processor handles a batch in one unit of work inside one transaction and stores the token when that unit of work
 * prepares to commit; a projection keeps its changes as a resource of that unit of work and writes them with one
 * statement per table (a JDBC batch or multi-row upsert) in the same phase, in the same transaction: one round trip
 * per table per batch instead of several per event, and rows and token still commit together.
 * <p>
 * Outside a unit of work (a handler called directly, e.g. by a test) the batch is a batch of one, written at once.
 */
public final class Batches {

    private Batches() {
    }

    /**
     * The batch of the current unit of work under {@code key}; created on first use, when its {@code flush} is
     * registered for the unit of work's prepare-commit phase.
     */
    public static <B> void with(String key, Supplier<B> create, Consumer<B> flush, Consumer<B> change) {
        if (!CurrentUnitOfWork.isStarted()) {
            B single = create.get();
            change.accept(single);
            flush.accept(single);
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        B batch = unitOfWork.getOrComputeResource(key, k -> {
            B created = create.get();
            unitOfWork.onPrepareCommit(u -> flush.accept(created));
            return created;
        });
        change.accept(batch);
    }
}
