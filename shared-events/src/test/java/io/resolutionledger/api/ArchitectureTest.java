package io.resolutionledger.api;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "io.resolutionledger.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule messages_know_no_spring =
            noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..");

    @ArchTest
    static final ArchRule messages_use_only_axon_annotations = noClasses().should().dependOnClassesThat()
            .resideInAPackage("org.axonframework..")
            .andShould().dependOnClassesThat().haveNameNotMatching(
                    "org\\.axonframework\\.(serialization\\.Revision|modelling\\.command\\.TargetAggregateIdentifier)")
            .allowEmptyShould(true);
}
