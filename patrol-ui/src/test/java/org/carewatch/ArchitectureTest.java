package org.carewatch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.carewatch.core.users.Principal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The documented layering (README "Architecture in brief", ../shared/DESIGN.md "The shape"), checked on every
 * build so it cannot drift. Each test stands for one rule:
 * <ol>
 *   <li>{@link #modulesOnlyDependDownwards}: dependency arrows between modules only point down
 *       {@code patrol-ui > tools > patrol > alerts | ingest-cameras | ingest-telemetry > core > hardware-profiles};
 *       the three middle modules do not know each other, except that patrol raises findings as alerts.</li>
 *   <li>{@link #packagesFormNoCycles}: no two packages depend on each other, directly or around a loop.</li>
 *   <li>{@link #httpLayerReachesNoRepository}: routes and page handlers only parse, call a service and render:
 *       nothing under {@code org.carewatch.ui} touches a repository, a connection, a statement or a data source
 *       (mapping an SQL exception to an answer is allowed).</li>
 *   <li>{@link #httpLayerDecidesNoRoleOrScope}: role and scope rules live in the services, so nothing under
 *       {@code org.carewatch.ui} asks the principal about roles or scope itself.</li>
 *   <li>{@link #eachModuleWritesOnlyItsOwnTables}: a module's SQL names only the tables it owns (created by its own
 *       migrations, or assigned in {@link #OWNERSHIP_BY_DESIGN}); others go through its services or repositories.</li>
 * </ol>
 * Classes are assigned to modules by where they were loaded from (the module's {@code target/classes} or its jar),
 * not by package name, so a class put in the wrong module is judged as what it is.
 */
class ArchitectureTest {
    /** Module directory -> artifact id, bottom of the layering first. */
    private static final Map<String, String> MODULES = new LinkedHashMap<>();

    static {
        MODULES.put("hardware-profiles", "hardware-profiles");
        MODULES.put("core", "core");
        MODULES.put("ingest/cameras", "ingest-cameras");
        MODULES.put("ingest/telemetry", "ingest-telemetry");
        MODULES.put("alerts", "alerts");
        MODULES.put("patrol", "patrol");
        MODULES.put("tools", "tools");
        MODULES.put("patrol-ui", "patrol-ui");
    }

    /**
     * Tables whose CREATE sits in another module's migration for historical reasons (the early schema created every
     * time-series table at once) but which belong to the module that writes them. Moving the CREATE would rewrite an
     * applied migration, so ownership is declared here instead.
     */
    private static final Map<String, String> OWNERSHIP_BY_DESIGN = Map.of(
            "alert_events", "alerts",
            "stream_events", "ingest/cameras");

    /** SQL written by a module that is not the table's owner, allowed for a stated reason. */
    private static final Map<String, String> SQL_EXCEPTIONS = Map.of(
            "tools:BaselineSubscriber.java:readings",
            "the benchmark's baseline is the naive one-INSERT-per-message writer that the real writer is compared with",
            "tools:MqttBenchmark.java:readings",
            "the benchmark counts the stored rows by their identity to find lost and duplicated readings");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar")) // core's test fixtures, shared as a test-jar
                .importPackages("org.carewatch");
        // Guard against a vacuous pass: every module that exists must have been recognised.
        for (String dir : MODULES.keySet()) {
            if (Files.isDirectory(root().resolve(dir).resolve("src/main/java"))) {
                assertThat(classes.stream().anyMatch(c -> dir.equals(moduleOf(c))))
                        .as("classes of module %s were imported", dir).isTrue();
            }
        }
    }

    @Test
    void modulesOnlyDependDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("profiles").definedBy(inModule("hardware-profiles"))
                .layer("core").definedBy(inModule("core"))
                .layer("cameras").definedBy(inModule("ingest/cameras"))
                .layer("telemetry").definedBy(inModule("ingest/telemetry"))
                .layer("alerts").definedBy(inModule("alerts"))
                .layer("patrol").definedBy(inModule("patrol"))
                .layer("tools").definedBy(inModule("tools"))
                .layer("ui").definedBy(inModule("patrol-ui"))
                .whereLayer("ui").mayNotBeAccessedByAnyLayer()
                .whereLayer("tools").mayOnlyBeAccessedByLayers("ui")
                .whereLayer("patrol").mayOnlyBeAccessedByLayers("tools", "ui")
                .whereLayer("alerts").mayOnlyBeAccessedByLayers("patrol", "tools", "ui")
                .whereLayer("cameras").mayOnlyBeAccessedByLayers("tools", "ui")
                .whereLayer("telemetry").mayOnlyBeAccessedByLayers("tools", "ui")
                .whereLayer("core").mayOnlyBeAccessedByLayers("cameras", "telemetry", "alerts", "patrol", "tools", "ui")
                .whereLayer("profiles").mayOnlyBeAccessedByLayers("core", "cameras", "telemetry", "alerts", "patrol", "tools", "ui")
                .check(classes);
    }

    @Test
    void packagesFormNoCycles() {
        slices().matching("org.carewatch.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void httpLayerReachesNoRepository() {
        noClasses().that().resideInAPackage("org.carewatch.ui..")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .orShould().dependOnClassesThat().belongToAnyOf(java.sql.Connection.class, java.sql.Statement.class,
                        java.sql.ResultSet.class, javax.sql.DataSource.class)
                .because("routes and pages only parse, call one service method and render")
                .check(classes);
    }

    @Test
    void httpLayerDecidesNoRoleOrScope() {
        noClasses().that().resideInAPackage("org.carewatch.ui..")
                .should().callMethod(Principal.class, "canSee", long.class, long.class)
                .orShould().callMethod(Principal.class, "hasRole", org.carewatch.core.users.Role[].class)
                .orShould().callMethod(Principal.class, "requireRole", org.carewatch.core.users.Role[].class)
                .because("role and scope rules exist once, in the services that API routes and pages both call")
                .check(classes);
    }

    private static final Pattern CREATE_TABLE =
            Pattern.compile("CREATE\\s+(?:UNLOGGED\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([a-z_][a-z0-9_]*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static final Pattern TABLE_USE =
            Pattern.compile("\\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\\s+(?:ONLY\\s+)?([a-z_][a-z0-9_]*)", Pattern.CASE_INSENSITIVE);

    @Test
    void eachModuleWritesOnlyItsOwnTables() throws IOException {
        Map<String, String> owner = tableOwners();
        assertThat(owner).as("tables found in the migrations").containsKeys("centres", "alerts", "readings");
        List<String> violations = new ArrayList<>();
        for (String module : MODULES.keySet()) {
            Path src = root().resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(src)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher lit = STRING_LITERAL.matcher(Files.readString(f));
                    while (lit.find()) {
                        Matcher use = TABLE_USE.matcher(lit.group(1));
                        while (use.find()) {
                            String table = use.group(1).toLowerCase(java.util.Locale.ROOT);
                            String o = owner.get(table);
                            String key = module.substring(module.lastIndexOf('/') + 1) + ":" + f.getFileName() + ":" + table;
                            if (o != null && !o.equals(module) && !SQL_EXCEPTIONS.containsKey(key)) {
                                violations.add(module + " " + src.relativize(f) + " uses table '" + table + "' of " + o);
                            }
                        }
                    }
                }
            }
        }
        assertThat(violations).as("SQL on another module's tables (go through its service or repository)").isEmpty();
    }

    private static Map<String, String> tableOwners() throws IOException {
        Map<String, String> owner = new LinkedHashMap<>();
        for (String module : MODULES.keySet()) {
            Path dir = root().resolve(module).resolve("src/main/resources/db/migration");
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".sql")).sorted().toList()) {
                    Matcher m = CREATE_TABLE.matcher(Files.readString(f));
                    while (m.find()) {
                        owner.putIfAbsent(m.group(1).toLowerCase(java.util.Locale.ROOT), module);
                    }
                }
            }
        }
        owner.putAll(OWNERSHIP_BY_DESIGN);
        return owner;
    }

    // ---- modules by where a class was loaded from ----

    private static DescribedPredicate<JavaClass> inModule(String dir) {
        return DescribedPredicate.describe("in module " + dir, c -> dir.equals(moduleOf(c)));
    }

    /** The module directory of a class: from {@code <dir>/target/classes} in a reactor build, or from the module's jar. */
    static String moduleOf(JavaClass c) {
        String uri = c.getSource().map(s -> s.getUri().toString()).orElse("");
        String found = null;
        for (Map.Entry<String, String> m : MODULES.entrySet()) {
            if (uri.contains("/" + m.getKey() + "/target/classes/") || uri.contains("/" + m.getValue() + "-0")
                    || uri.contains("/" + m.getValue() + "/0")) {
                found = m.getKey(); // the patterns are disjoint: at most one module matches
            }
        }
        return found;
    }

    /** The repository root: the test runs in patrol-ui/. */
    private static Path root() {
        Path here = Path.of("").toAbsolutePath();
        Path up = here.getParent();
        if (Files.isDirectory(here.resolve("patrol-ui"))) {
            return here;
        }
        if (up != null && Files.isDirectory(up.resolve("patrol-ui"))) {
            return up;
        }
        throw new UncheckedIOException(new IOException("cannot find the repository root from " + here));
    }
}
