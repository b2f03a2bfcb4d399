package dev.modelkeeper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.OperationException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** One runner for every command: what goes wrong becomes one sentence and one exit code. */
class CommandRunnerTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CommandRunner runner = new CommandRunner(new CliTexts(Locale.ENGLISH),
            new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

    @Test
    void theWorksCodeIsTheExitCode() {
        assertEquals(ExitCode.PROBLEMS, runner.run(CommandRunner.Display.BYTES, "scan.cancelled", (p, c) -> ExitCode.PROBLEMS));
    }

    @Test
    void aCancelledOperationSaysWhatWasKeptAndExitsWith130() {
        int code = runner.run(CommandRunner.Display.BYTES, "scan.cancelled", (p, c) -> {
            c.cancel();
            c.throwIfCancelled();
            return ExitCode.OK;
        });

        assertEquals(ExitCode.INTERRUPTED, code);
        assertEquals("Scan cancelled; nothing was changed.\n", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFailureIsOneSentenceAndExitCodeOne() {
        int code = runner.run(CommandRunner.Display.NONE, "scan.cancelled", (p, c) -> {
            throw new OperationException("The disk is full.");
        });

        assertEquals(ExitCode.FAILURE, code);
        assertEquals("The disk is full.\n", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void cancelledIsNotAFailure() {
        assertEquals(ExitCode.INTERRUPTED, runner.run(CommandRunner.Display.NONE, "download.cancelled", (p, c) -> {
            throw new CancelledException();
        }));
    }
}
