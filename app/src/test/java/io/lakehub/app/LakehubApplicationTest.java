package io.lakehub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.JsonMixin;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;

/**
 * What the hub's application class brings in without a class-path scan (ADR 0062), and the class files the
 * start-up cache depends on.
 */
class LakehubApplicationTest {

    @Test
    void everyComponentOfTheAppIsImportedByTheApplicationClass() {
        // What @SpringBootApplication's scan of io.lakehub.app found: the main classes annotated as components
        // (controllers, advice, configurations), without the auto-configurations, which come from
        // AutoConfiguration.imports, and without the application class itself. The test classes in the same packages
        // are not the hub's.
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
        scan.addIncludeFilter(new AnnotationTypeFilter(Component.class));
        scan.addExcludeFilter(new AnnotationTypeFilter(AutoConfiguration.class));
        Set<String> components = scan.findCandidateComponents("io.lakehub.app").stream()
                .filter(LakehubApplicationTest::fromMainClasses)
                .map(BeanDefinition::getBeanClassName)
                .filter(name -> !name.equals(LakehubApplication.class.getName()))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> imported = Arrays.stream(
                        LakehubApplication.class.getAnnotation(Import.class).value())
                .map(Class::getName)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(components).as("components found by a scan").hasSizeGreaterThan(20);
        assertThat(imported)
                .as("LakehubApplication's @Import: a component missing here is not part of the hub")
                .isEqualTo(components);
    }

    @Test
    void theAppDeclaresNoJacksonMixinsSoTheHubNeedNotScanForThem() {
        // NoJsonMixinScan (ADR 0065) makes Spring Boot's mix-in entries empty instead of scanning io.lakehub.app at
        // every start; a @JsonMixin class added here would be silently ignored, so it must come with that change
        // undone.
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
        scan.addIncludeFilter(new AnnotationTypeFilter(JsonMixin.class));
        assertThat(scan.findCandidateComponents("io.lakehub").stream()
                        .filter(LakehubApplicationTest::fromMainClasses)
                        .map(BeanDefinition::getBeanClassName))
                .as("@JsonMixin classes in the hub")
                .isEmpty();
    }

    @Test
    void picocliIsCompiledForTheRuntimeSoTheClassCacheCanHoldIt() throws IOException {
        // From its sources jar (app/pom.xml): the released jar's Java 5 class files are read and verified from
        // the jar at every command's start, because the JVM's class cache cannot hold them.
        try (InputStream in = picocli.CommandLine.class.getResourceAsStream("CommandLine.class")) {
            assertThat(in).isNotNull();
            DataInputStream data = new DataInputStream(in);
            assertThat(data.readInt()).isEqualTo(0xCAFEBABE);
            data.readUnsignedShort();
            assertThat(data.readUnsignedShort()).as("class file major version").isGreaterThanOrEqualTo(65);
        }
    }

    private static boolean fromMainClasses(BeanDefinition candidate) {
        String name = candidate.getBeanClassName();
        try {
            Class<?> type = Class.forName(name, false, LakehubApplicationTest.class.getClassLoader());
            return !type.getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toString()
                    .contains("test-classes");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("a scanned class cannot be loaded: " + name, e);
        }
    }
}
