package io.resolutionledger.command.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.spring.stereotype.Aggregate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "io.resolutionledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] DOMAIN = {"..command.resolution..", "..command.session..", "..command.conference.."};

    @ArchTest
    static final ArchRule domain_code_knows_no_web_code = noClasses().that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("..command.web..", "..command.security..",
                    "..command.idempotency..", "org.springframework.web..", "jakarta.servlet..");

    @ArchTest
    static final ArchRule aggregates_are_not_visible_outside_their_package = classes()
            .that().areAnnotatedWith(Aggregate.class).should().notBePublic();

    @ArchTest
    static final ArchRule the_web_layer_talks_to_aggregates_only_through_commands = noClasses()
            .that().resideInAnyPackage("..command.web..").should().dependOnClassesThat()
            .areAnnotatedWith(Aggregate.class);

    @ArchTest
    static final ArchRule the_command_side_knows_nothing_of_the_query_side = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("io.resolutionledger.query..");
}
