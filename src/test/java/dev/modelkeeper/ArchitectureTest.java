package dev.modelkeeper;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rooms and the wall of style.md, checked on the compiled classes: core is below cli and ui and never
 * sees JavaFX, so the command line runs on a bare JRE; cli never reaches into the window; no package of
 * ModelKeeper depends on itself in a circle.
 */
@AnalyzeClasses(packages = "dev.modelkeeper", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule CORE_NEVER_IMPORTS_JAVAFX = noClasses().that().resideInAPackage("dev.modelkeeper.core..")
            .should().dependOnClassesThat().resideInAPackage("javafx..");

    @ArchTest
    static final ArchRule CORE_NEVER_IMPORTS_UI_OR_CLI = noClasses().that().resideInAPackage("dev.modelkeeper.core..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.modelkeeper.ui..", "dev.modelkeeper.cli..");

    @ArchTest
    static final ArchRule CLI_NEVER_IMPORTS_JAVAFX_OR_UI = noClasses().that().resideInAPackage("dev.modelkeeper.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.modelkeeper.ui..");

    @ArchTest
    static final ArchRule CORE_PACKAGES_HAVE_NO_CYCLES = slices().matching("dev.modelkeeper.core.(*)..")
            .should().beFreeOfCycles();

    /** The window's features (roots, content, download, verify, migrate, cleanup, …) never depend in a circle. */
    @ArchTest
    static final ArchRule UI_FEATURES_HAVE_NO_CYCLES = slices().matching("dev.modelkeeper.ui.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule TOP_LEVEL_ROOMS_HAVE_NO_CYCLES = slices().matching("dev.modelkeeper.(*)..")
            .should().beFreeOfCycles();
}
