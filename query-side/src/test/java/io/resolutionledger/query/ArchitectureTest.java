package io.resolutionledger.query;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The query side reads the event store; it never depends on the command side's code, and writes no JPA. */
class ArchitectureTest {

    private static final JavaClasses QUERY_SIDE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.resolutionledger.query");

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
