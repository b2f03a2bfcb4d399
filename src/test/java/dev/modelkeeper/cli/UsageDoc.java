package dev.modelkeeper.cli;

import dev.modelkeeper.core.env.Environment;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * The generated usage of every command as docs/cli.md shows it: after each {@code <!-- usage: NAME -->} marker,
 * a text block with {@code $ modelkeeper NAME --help} and its output. {@code main} rewrites the blocks
 * (run it, or {@code CliDocTest} with {@code -Dcli.docs.update=true}, after changing an option or a help text).
 */
final class UsageDoc {

    static final Path DOC = Path.of("docs/cli.md");
    static final List<String> NAMES = List.of("modelkeeper", "scan", "download", "verify", "repair", "migrate", "dedupe",
            "rm", "prune", "metrics", "serve-metrics", "outdated", "update", "store", "store push", "store pull", "store ls",
            "endpoint", "endpoint list", "endpoint add", "endpoint remove", "endpoint use", "endpoint test",
            "ensure", "doctor");
    private static final Pattern BLOCK = Pattern.compile("<!-- usage: ([a-z-]+(?: [a-z-]+)?) -->\\n```text\\n.*?```\\n",
            Pattern.DOTALL);

    private UsageDoc() {
    }

    public static void main(String[] args) throws IOException {
        Files.writeString(DOC, regenerate(Files.readString(DOC)));
    }

    /** The command line as the user meets it, in {@code locale}, without colours; nothing runs. */
    static CommandLine commandLine(Locale locale) {
        var texts = new CliTexts(locale);
        var nowhere = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        var env = new Environment(Map.of(), Path.of("/nonexistent"), Environment.Os.LINUX);
        return CliMain.commandLine(new CliContext(env, texts, nowhere, nowhere, new CommandRunner(texts, nowhere, false)),
                false);
    }

    /** The usage of one command (or of {@code modelkeeper} itself), lines without trailing blanks. */
    static String usage(CommandLine root, String name) {
        return usage(command(root, name));
    }

    /** {@code name} ("store push" for a nested one) in {@code root}; {@code root} itself for its own name. */
    static CommandLine command(CommandLine root, String name) {
        CommandLine cl = root;
        if (!name.equals(root.getCommandName())) {
            for (String part : name.split(" ")) {
                cl = cl.getSubcommands().get(part);
            }
        }
        return cl;
    }

    private static String usage(CommandLine cl) {
        return cl.getUsageMessage().lines().map(String::stripTrailing).reduce("", (a, b) -> a + b + "\n").strip() + "\n";
    }

    /** The block docs/cli.md must hold for {@code name}. */
    static String block(String name) {
        String command = name.equals("modelkeeper") ? "modelkeeper --help" : "modelkeeper " + name + " --help";
        return "<!-- usage: " + name + " -->\n```text\n$ " + command + "\n"
                + usage(commandLine(Locale.ENGLISH), name) + "```\n";
    }

    /** The document with every usage block replaced by the current one. */
    static String regenerate(String doc) {
        Matcher m = BLOCK.matcher(doc);
        var out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(block(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
