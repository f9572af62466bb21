package io.resolutionledger.api;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "io.resolutionledger.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule messages_know_no_spring =
            noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..");

    /**
     * Messages use only Axon's annotations; the Axon-facing packages use Axon's API too: the upcasters of the
     * messages' stored shapes, and the serializer both services read and write them with.
     */
    @ArchTest
    static final ArchRule messages_use_only_axon_annotations = noClasses()
            .that().resideOutsideOfPackages("io.resolutionledger.api.upcasting..", "io.resolutionledger.api.serialization..")
            .should().dependOnClassesThat(
            resideInAPackage("org.axonframework..").and(not(
                    name("org.axonframework.serialization.Revision")
                            .or(name("org.axonframework.modelling.command.TargetAggregateIdentifier")))));
}
