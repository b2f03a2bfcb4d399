package dev.modelkeeper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CliProgressTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong now = new AtomicLong();

    private String screen() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aByteCountShowsABarTheAmountsTheSpeedAndTheTimeLeft() {
        var progress = new CliProgress(err, true, true, now::get);

        progress.progress(0, 100_000_000);
        now.set(2_000_000_000L); // two seconds later, a quarter done: 12.5 MB/s, six seconds left
        progress.progress(25_000_000, 100_000_000);

        String last = screen().substring(screen().lastIndexOf('\r') + 1);
        assertTrue(last.startsWith("[██████░░░░░░░░░░░░░░░░░░]  25%  25.0 MB / 100.0 MB  12.5 MB/s  ETA 0:06"), last);
        assertTrue(last.length() <= 79 + "\u001b[K".length(), last);
    }

    @Test
    void stepsShowTheBarAndWhatIsHappening() {
        var progress = new CliProgress(err, true, false, now::get);

        progress.message("scanning /data/hub");
        progress.progress(1, 2);

        assertTrue(screen().contains("[████████████░░░░░░░░░░░░]  50%  scanning /data/hub"), screen());
    }

    @Test
    void withoutATerminalNothingIsDrawn() {
        var progress = new CliProgress(err, false, true, now::get);

        progress.message("fetching");
        progress.progress(5, 10);
        progress.finish();

        assertEquals("", screen());
    }

    @Test
    void anAsciiTerminalGetsAsciiBars() {
        var ascii = new PrintStream(bytes, true, StandardCharsets.US_ASCII);
        var progress = new CliProgress(ascii, true, false, now::get);

        progress.progress(1, 4);

        assertTrue(screen().contains("[######------------------]  25%"), screen());
    }

    @Test
    void clearTakesTheBarOffTheLineAndTheNextReportDrawsItAgain() {
        var progress = new CliProgress(err, true, false, now::get);
        progress.progress(1, 4);

        progress.clear();
        int cleared = screen().length();
        progress.progress(1, 4);

        assertTrue(screen().substring(0, cleared).endsWith("\r\u001b[K"), screen());
        assertTrue(screen().substring(cleared).contains("25%"), "drawn again");
    }
}
