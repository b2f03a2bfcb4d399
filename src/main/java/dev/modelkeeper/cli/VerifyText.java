package dev.modelkeeper.cli;

import dev.modelkeeper.core.cache.Severity;
import dev.modelkeeper.core.cache.SizeFormat;
import dev.modelkeeper.core.verify.Verdict;
import dev.modelkeeper.core.verify.VerifyFinding;
import dev.modelkeeper.core.verify.VerifyFindingTexts;
import dev.modelkeeper.core.verify.VerifyReport;
import java.io.PrintStream;
import java.util.List;

/** The human-readable output of {@code verify}: findings grouped by severity, worst first, then a summary. */
final class VerifyText {

    private final CliTexts texts;
    private final VerifyFindingTexts findingTexts;
    private final PrintStream out;

    VerifyText(CliTexts texts, PrintStream out) {
        this.texts = texts;
        this.findingTexts = new VerifyFindingTexts(texts.locale());
        this.out = out;
    }

    void print(VerifyReport report) {
        for (Severity s : List.of(Severity.ERROR, Severity.WARNING, Severity.INFO)) {
            var group = report.findings().stream().filter(f -> f.severity() == s).toList();
            if (group.isEmpty()) {
                continue;
            }
            out.println(findingTexts.severity(s).toUpperCase(texts.locale()) + " (" + group.size() + ")");
            group.forEach(this::finding);
            out.println();
        }
        out.println(texts.format("verify.summary", report.files(), report.count(Verdict.VERIFIED),
                report.count(Verdict.CORRUPT), report.count(Verdict.MISSING), report.count(Verdict.PARTIAL),
                report.count(Verdict.UNVERIFIED)));
        out.println(texts.format("verify.hashed", SizeFormat.bytes(report.bytesHashed()), report.blobsHashed(),
                report.blobsRecalled()));
        out.println(texts.get(report.problemsRemain() ? "verify.problems" : "verify.clean"));
    }

    private void finding(VerifyFinding f) {
        out.println("  " + findingTexts.message(f)); // the repo and file by name, not the blob's hash
        out.println("    " + texts.format("verify.repair", findingTexts.repair(f)));
    }
}
