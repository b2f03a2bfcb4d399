package dev.modelkeeper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelkeeper.core.env.Environment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.OptionSpec;

/** The generated help, typo suggestions and usage errors of every command. */
class CliHelpTest {

    private static final List<String> COMMANDS = List.of("scan", "download", "verify", "repair", "migrate", "dedupe", "rm",
            "prune", "metrics", "serve-metrics", "outdated", "update", "store", "store push", "store pull", "store ls",
            "endpoint", "endpoint list", "endpoint add", "endpoint remove", "endpoint use", "endpoint test",
            "ensure", "doctor");

    @TempDir
    Path home;

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = CliMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new Environment(Map.of(), home, Environment.Os.LINUX));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyCommandHasHelpListingEachOfItsOptions() {
        var root = UsageDoc.commandLine(Locale.ENGLISH);
        for (String name : COMMANDS) {
            for (String flag : List.of("--help", "-h")) {
                var r = run((name + " " + flag).split(" "));
                assertEquals(0, r.code(), name + " " + flag + ": " + r.err());
                assertTrue(r.out().contains("Usage: modelkeeper " + name), r.out());
                for (OptionSpec option : UsageDoc.command(root, name).getCommandSpec().options()) {
                    for (String n : option.names()) {
                        assertTrue(r.out().contains(n), name + " --help lists " + n + ":\n" + r.out());
                    }
                }
            }
        }
    }

    @Test
    void downloadHelpNamesTheOfficialClientsOptionsToo() {
        var r = run("download", "--help");

        for (String option : List.of("REPO", "--type, --repo-type=TYPE", "--cache, --cache-dir=DIR", "--revision=R",
                "--include=P", "--exclude=P", "--endpoint=URL", "--trust-mirror", "--max-rate=RATE",
                "--jobs, --max-workers=N", "--connections=N", "--dry-run", "--json", "-h, --help")) {
            assertTrue(r.out().contains(option), option + ":\n" + r.out());
        }
        assertTrue(r.out().contains("There is no --local-dir"), r.out());
    }

    @Test
    void storeAloneOrMistypedSaysWhatItNeeds() {
        var alone = run("store");
        assertEquals(2, alone.code());
        assertTrue(alone.err().startsWith("store needs one of push, pull or ls"), alone.err());
        var typo = run("store", "psuh", "org/name");
        assertEquals(2, typo.code());
        assertTrue(typo.err().startsWith("Unknown command \"psuh\".") && typo.err().contains("modelkeeper help store"),
                typo.err());
        var help = run("help", "store");
        assertEquals(0, help.code(), help.err());
        assertEquals(run("store", "--help").out(), help.out());
    }

    @Test
    void helpCommandPrintsThatCommandsHelp() {
        var help = run("help", "download");

        assertEquals(0, help.code(), help.err());
        assertEquals(run("download", "--help").out(), help.out());
        assertFalse(help.out().contains("Commands:"), "not the general help:\n" + help.out());
    }

    @Test
    void noArgumentsAndHelpPrintTheGeneralUsage() {
        var none = run();
        assertEquals(0, none.code());
        assertTrue(none.out().contains("Commands:") && none.out().contains("Exit codes:"), none.out());
        assertEquals(none.out(), run("help").out());
        assertEquals(none.out(), run("--help").out());
        var version = run("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("ModelKeeper "), version.out());
    }

    @Test
    void aMistypedCommandSuggestsTheRightOne() {
        var r = run("donwload", "org/name");

        assertEquals(2, r.code());
        assertTrue(r.err().contains("Unknown command \"donwload\"."), r.err());
        assertTrue(r.err().contains("Did you mean: download"), r.err()); // first; "doctor" may follow
        assertEquals("", r.out());
    }

    @Test
    void anUnknownOptionIsNamedWithTheNearestOneAndWhereTheHelpIs() {
        var r = run("download", "org/name", "--dryrun");

        assertEquals(2, r.code());
        assertTrue(r.err().contains("Unknown option \"--dryrun\"."), r.err());
        assertTrue(r.err().contains("--dry-run"), "suggested: " + r.err());
        assertTrue(r.err().contains("modelkeeper help download"), r.err());
    }

    @Test
    void wrongValuesAreSaidInOneSentence() {
        assertEquals(2, run("download", "org/name", "--jobs", "0").code());
        var r = run("download", "org/name", "--jobs", "many");
        assertTrue(r.err().startsWith("--jobs needs a whole number from 1 to 64, not \"many\"."), r.err());
        var missing = run("download", "org/name", "--revision");
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("--revision needs a value."), missing.err());
        var extra = run("download", "org/name", "org/other");
        assertEquals(2, extra.code());
        assertTrue(extra.err().startsWith("Unexpected argument \"org/other\"."), extra.err());
        assertTrue(run("migrate", "--abandon").err().startsWith("migrate --abandon needs the id of an unfinished move"));
        var helpOfNothing = run("help", "nothing");
        assertEquals(2, helpOfNothing.code());
        assertTrue(helpOfNothing.err().startsWith("Unknown command \"nothing\"."), helpOfNothing.err());
    }

    @Test
    void theOfficialOptionNamesMeanTheSame() {
        var r = run("download", "org/name", "--repo-type", "banana");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("Unknown repository type \"banana\""), r.err());
        assertEquals(2, run("verify", "--repo-type", "weights").code());
    }

    @Test
    void helpIsTranslated() {
        String zh = UsageDoc.usage(UsageDoc.commandLine(Locale.SIMPLIFIED_CHINESE), "download");

        assertTrue(zh.contains("用法：modelkeeper download"), zh);
        assertTrue(zh.contains("选项：") && zh.contains("显示此帮助。"), zh);
        assertFalse(zh.contains("Show this help"), zh);
    }
}
