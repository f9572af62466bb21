package io.resolutionledger.query;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query side reads the event store only through Axon ({@code eventstore.EventStoreGateway}); it never depends on
 * the command side's code, writes no JPA, and its slices have no cycles.
 */
class ArchitectureTest {

    private static final JavaClasses QUERY_SIDE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.resolutionledger.query");

    /** The storage wiring: the only place that knows where the events are kept. */
    private static final String STORAGE_WIRING = "io.resolutionledger.query.config.AxonConfig";

    /** Classes that still read the write schema with SQL of their own (none since the log reads through Axon). */
    private static final List<String> NOT_YET_THROUGH_THE_GATEWAY = List.of();

    private static final Set<String> WRITE_SCHEMA_NAMES = Set.of("ledger_write", "domain_event_entry",
            "snapshot_event_entry");

    @Test
    void no_class_outside_the_storage_wiring_names_the_write_schema_or_its_tables() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (JavaClass javaClass : QUERY_SIDE) {
            String name = javaClass.getName();
            if (name.equals(STORAGE_WIRING) || name.startsWith(STORAGE_WIRING + "$")
                    || NOT_YET_THROUGH_THE_GATEWAY.stream().anyMatch(name::startsWith)) {
                continue;
            }
            // string constants live in the class file's constant pool, in modified UTF-8 (plain ASCII here)
            try (InputStream in = javaClass.getSource().orElseThrow().getUri().toURL().openStream()) {
                String bytes = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                WRITE_SCHEMA_NAMES.stream().filter(bytes::contains).forEach(table -> offenders.add(name + ": " + table));
            }
        }
        assertThat(offenders).as("classes that name the event store's tables instead of reading through the gateway")
                .isEmpty();
    }

    @Test
    void only_the_storage_wiring_and_the_gateway_use_the_storage_engine() {
        noClasses().that().resideOutsideOfPackages("..query.config..", "..query.eventstore..")
                .should().dependOnClassesThat().resideInAnyPackage("org.axonframework.eventsourcing.eventstore..")
                .check(QUERY_SIDE);
    }

    @Test
    void the_slices_are_free_of_cycles() {
        slices().matching("io.resolutionledger.query.(*)..").should().beFreeOfCycles().check(QUERY_SIDE);
    }

    @Test
    void the_query_side_never_imports_the_command_side() {
        noClasses().that().resideInAPackage("io.resolutionledger.query..")
                .should().dependOnClassesThat().resideInAPackage("io.resolutionledger.command..")
                .check(QUERY_SIDE);
    }

    @Test
    void read_models_use_no_jpa() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "org.hibernate..")
                .check(QUERY_SIDE);
    }

    @Test
    void the_web_and_security_infrastructure_knows_no_read_model() {
        noClasses().that().resideInAnyPackage("..query.web..", "..query.security..")
                .should().dependOnClassesThat().resideInAnyPackage("..query.resolutions..", "..query.sessions..",
                        "..query.chair..", "..query.audit..", "..query.stats..")
                .check(QUERY_SIDE);
    }
}
