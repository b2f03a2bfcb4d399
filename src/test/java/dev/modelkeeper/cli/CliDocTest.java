package dev.modelkeeper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/cli.md shows each command's usage exactly as the program prints it, and the one exit-code table. */
class CliDocTest {

    @Test
    void theDocumentShowsTheGeneratedUsageOfEveryCommand() throws Exception {
        if (Boolean.getBoolean("cli.docs.update")) {
            UsageDoc.main(new String[0]);
        }
        String doc = Files.readString(UsageDoc.DOC);
        var stale = new ArrayList<String>();
        for (String name : UsageDoc.NAMES) {
            if (!doc.contains(UsageDoc.block(name))) {
                stale.add(name);
            }
        }
        assertEquals(List.of(), stale, "docs/cli.md is out of date for these commands; run this test with "
                + "-Dcli.docs.update=true to regenerate the usage blocks, and review the diff");
    }

    @Test
    void theExitCodeTableHasEveryCodeOnce() throws Exception {
        String doc = Files.readString(UsageDoc.DOC);
        String table = doc.substring(doc.indexOf("## Exit codes"));
        for (int code : List.of(ExitCode.OK, ExitCode.FAILURE, ExitCode.USAGE, ExitCode.NOT_FOUND,
                ExitCode.HUB_REFUSED, ExitCode.PROBLEMS, ExitCode.REFUSED, ExitCode.INTERRUPTED)) {
            var row = Pattern.compile("^\\| " + code + " \\|", Pattern.MULTILINE).matcher(table);
            assertTrue(row.find(), "row for " + code);
            assertTrue(!row.find(), "one row for " + code);
        }
    }
}
