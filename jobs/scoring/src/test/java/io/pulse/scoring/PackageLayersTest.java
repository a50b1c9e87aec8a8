package io.pulse.scoring;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package map of docs/architecture.md, enforced over the core and the job: the scoring,
 * detection and alert logic is plain Java, and each package imports only the packages below it.
 * (The core module cannot import Flink or Kafka at all: it does not depend on them.)
 */
class PackageLayersTest {
    private static final String ROOT = "io.pulse.scoring";

    /** Lowest first: a package may import those before it, never those after it. */
    static final List<String> LAYERS =
            List.of(
                    "model",
                    "config",
                    "usage",
                    "anomaly",
                    "features",
                    "churn",
                    "scores",
                    "alerts",
                    "validation",
                    "incidents",
                    "accounts",
                    "engine",
                    "control",
                    "privacy",
                    "state",
                    "metrics",
                    "kafka",
                    "functions",
                    "");

    /** The packages that hold no Flink and no Kafka code. */
    static final List<String> PLAIN_JAVA =
            List.of(
                    "model",
                    "config",
                    "usage",
                    "anomaly",
                    "features",
                    "churn",
                    "scores",
                    "alerts",
                    "validation",
                    "incidents",
                    "accounts",
                    "engine",
                    "control",
                    "privacy");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .withImportOption(location -> !location.contains("-tests.jar"))
                        .importPackages(ROOT);
    }

    @Test
    void everyPackageIsOnTheMap() {
        List<String> packages = classes.stream().map(JavaClass::getPackageName).distinct().toList();
        assertThat(packages).allSatisfy(p -> assertThat(LAYERS).contains(layerOf(p)));
    }

    @Test
    void thePlainJavaPackagesHaveNoFlinkAndNoKafka() {
        ArchRule rule =
                noClasses()
                        .that()
                        .resideInAnyPackage(packages(PLAIN_JAVA))
                        .should()
                        .dependOnClassesThat()
                        .resideInAnyPackage("org.apache.flink..", "org.apache.kafka..");
        rule.check(classes);
    }

    @Test
    void importsRunOneWay() {
        for (int i = 0; i < LAYERS.size() - 1; i++) {
            ArchRule rule =
                    noClasses()
                            .that()
                            .resideInAPackage(pattern(LAYERS.get(i)))
                            .should()
                            .dependOnClassesThat()
                            .resideInAnyPackage(packages(LAYERS.subList(i + 1, LAYERS.size())))
                            .because(
                                    "imports run from the job down to the models, in the order of docs/architecture.md");
            rule.check(classes);
        }
    }

    @Test
    void noPackagesImportEachOther() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    private static String layerOf(String javaPackage) {
        return javaPackage.equals(ROOT)
                ? ""
                : javaPackage.substring(ROOT.length() + 1).split("\\.")[0];
    }

    private static String pattern(String layer) {
        return layer.isEmpty() ? ROOT : ROOT + "." + layer + "..";
    }

    private static String[] packages(List<String> layers) {
        return layers.stream().map(PackageLayersTest::pattern).toArray(String[]::new);
    }
}
