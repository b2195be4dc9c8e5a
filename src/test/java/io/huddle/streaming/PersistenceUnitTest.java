package io.huddle.streaming;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.MappedSuperclass;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The persistence unit lists its managed classes instead of having Hibernate scan for them: the list must name
 * exactly the application's entities (and embeddables and mapped superclasses).
 */
class PersistenceUnitTest {

    @Test
    void thePersistenceUnitListsExactlyTheApplicationsEntities() throws Exception {
        Set<String> annotated = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.huddle.streaming").stream()
                .filter(c -> c.isAnnotatedWith(Entity.class) || c.isAnnotatedWith(Embeddable.class)
                        || c.isAnnotatedWith(MappedSuperclass.class))
                .map(JavaClass::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(annotated, listedClasses(), "META-INF/persistence.xml <class> elements");
    }

    private static Set<String> listedClasses() throws Exception {
        try (InputStream xml = PersistenceUnitTest.class.getResourceAsStream("/META-INF/persistence.xml")) {
            assertNotNull(xml, "META-INF/persistence.xml");
            Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml);
            NodeList classes = document.getElementsByTagName("class");
            Set<String> listed = new TreeSet<>();
            for (int i = 0; i < classes.getLength(); i++) {
                listed.add(classes.item(i).getTextContent().trim());
            }
            return listed;
        }
    }
}
