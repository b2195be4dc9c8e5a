package io.huddle.streaming;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Keeps the layers' dependencies pointing inward (see the architecture in the README).
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.huddle.streaming");
    }

    @Test
    void nothingDependsOnTransportOrInfrastructure() {
        noClasses().that().resideOutsideOfPackage("..transport..")
                .should().dependOnClassesThat().resideInAPackage("..transport..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("..infrastructure..")
                .should().dependOnClassesThat().resideInAPackage("..infrastructure..")
                .check(classes);
    }

    @Test
    void domainApplicationAndHubKnowNoWireOrMessagingTechnology() {
        noClasses().that().resideInAnyPackage("..domain..", "..application..", "..hub..", "..config..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.websocket..", "jakarta.ws.rs..",
                        "jakarta.jms..", "jakarta.servlet..")
                .check(classes);
    }

    @Test
    void theMessagingProviderIsServerConfigurationNotCode() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.apache.activemq..")
                .because("the provider is chosen by server configuration: code sees only jakarta.jms")
                .check(classes);
    }

    @Test
    void hubAndProtocolKnowNoPersistence() {
        noClasses().that().resideInAnyPackage("..hub..", "..protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "..domain..")
                .check(classes);
    }

    @Test
    void applicationSupportKnowsNoUseCaseOrFeature() {
        noClasses().that().resideInAPackage("..application.support..")
                .should().dependOnClassesThat().resideInAnyPackage("io.huddle.streaming.application",
                        "..application.presence..", "..application.typing..", "..application.channels..",
                        "..application.rooms..", "..application.moderation..", "..application.messaging..",
                        "..application.session..")
                .check(classes);
    }

    @Test
    void domainDependsOnNoOtherLayer() {
        noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().resideInAnyPackage("..application..", "..hub..", "..protocol..",
                        "..config..", "jakarta.enterprise..", "jakarta.inject..")
                .check(classes);
    }
}
