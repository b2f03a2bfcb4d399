package dev.modelkeeper.cli;

import dev.modelkeeper.core.env.Settings;
import dev.modelkeeper.core.health.Diagnosis;
import dev.modelkeeper.core.health.Doctor;
import dev.modelkeeper.core.health.Finding;
import dev.modelkeeper.core.health.Machine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code modelkeeper doctor [--json]}: why a program downloads the model again. Exit code 0 when nothing is a
 * warning or an error, 5 ({@link ExitCode#PROBLEMS}) otherwise.
 */
@Command(name = "doctor", sortOptions = false)
final class DoctorCommand implements Callable<Integer> {

    @Option(names = "--json", descriptionKey = "help.doctor.json")
    boolean json;

    @Mixin
    HelpOption help;

    private final CliContext cli;
    private final Function<Settings, Machine> machine;

    DoctorCommand(CliContext cli) {
        this(cli, s -> Machine.system(s.thresholds(), s.userRoots()));
    }

    /** With the machine's facts given, for tests (a mount table, a {@code /proc} of fixtures). */
    DoctorCommand(CliContext cli, Function<Settings, Machine> machine) {
        this.cli = cli;
        this.machine = machine;
    }

    @Override
    public Integer call() {
        Diagnosis d = new Doctor(cli.env(), machine.apply(cli.settings())).run();
        if (json) {
            printJson(d);
        } else {
            printText(d);
        }
        return d.hasProblems() ? ExitCode.PROBLEMS : ExitCode.OK;
    }

    private void printText(Diagnosis d) {
        var texts = cli.texts();
        var out = cli.out();
        for (Finding f : d.findings()) {
            out.println(texts.format("doctor.finding", texts.get("doctor.severity." + f.severity().name()),
                    f.sentence().render(texts.locale())));
            f.fixMessage().ifPresent(fix -> out.println(texts.format("doctor.fix", fix.render(texts.locale()))));
            out.println();
        }
        out.println(d.hasProblems() ? texts.format("doctor.problems", d.problems()) : texts.get("doctor.clean"));
    }

    private void printJson(Diagnosis d) {
        var locale = cli.texts().locale();
        var doc = new LinkedHashMap<String, Object>();
        doc.put("version", 1);
        doc.put("problems", d.problems());
        List<Object> findings = d.findings().stream().map(f -> {
            var m = new LinkedHashMap<String, Object>();
            m.put("check", f.check().name().toLowerCase(java.util.Locale.ROOT));
            m.put("severity", f.severity().name().toLowerCase(java.util.Locale.ROOT));
            m.put("code", f.code());
            m.put("sentence", f.sentence().render(locale));
            m.put("fix", f.fixMessage().map(x -> x.render(locale)).orElse(null));
            m.put("safe_fix", f.safeFix());
            m.put("path", f.pathIfAny().map(Object::toString).orElse(null));
            return (Object) m;
        }).toList();
        doc.put("findings", findings);
        cli.out().println(UpdateChecks.write(doc));
    }
}
