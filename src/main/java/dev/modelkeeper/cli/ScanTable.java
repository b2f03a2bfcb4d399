package dev.modelkeeper.cli;

import dev.modelkeeper.core.cache.Age;
import dev.modelkeeper.core.cache.CacheScan;
import dev.modelkeeper.core.cache.Finding;
import dev.modelkeeper.core.cache.FindingTexts;
import dev.modelkeeper.core.cache.Repo;
import dev.modelkeeper.core.cache.SizeFormat;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The human-readable output of {@code scan}: one block per cache, a table of repos, then findings. */
final class ScanTable {

    private final CliTexts texts;
    private final FindingTexts findingTexts;
    private final PrintStream out;
    private final Instant now = Instant.now();

    ScanTable(CliTexts texts, PrintStream out) {
        this.texts = texts;
        this.findingTexts = new FindingTexts(texts.locale());
        this.out = out;
    }

    void print(List<CacheScan> scans) {
        for (CacheScan s : scans) {
            header(s);
            if (!s.repos().isEmpty()) {
                table(s.repos());
            }
            findings(s);
            out.println();
        }
        long repos = scans.stream().mapToLong(s -> s.repos().size()).sum();
        long revisions = scans.stream().mapToLong(CacheScan::revisionCount).sum();
        long size = scans.stream().mapToLong(CacheScan::sizeOnDisk).sum();
        out.println(texts.format("scan.footer", repos, revisions, SizeFormat.human(size)));
    }

    private void header(CacheScan s) {
        String origin = s.root().variable() != null ? s.root().variable()
                : texts.get("origin." + s.root().origin().name());
        out.println(texts.format("scan.header", texts.get("kind." + s.kind().name()), s.root().path(), origin));
        s.fileSystem().ifPresentOrElse(fs -> out.println("  " + texts.format("scan.filesystem", fs.type(),
                        fs.mountPoint(), SizeFormat.bytes(fs.usableBytes()), SizeFormat.bytes(fs.totalBytes()),
                        SizeFormat.bytes(s.sizeOnDisk()))),
                () -> out.println("  " + texts.get("state." + s.state().name())));
    }

    private void table(List<Repo> repos) {
        var rows = new ArrayList<String[]>();
        rows.add(new String[] {texts.get("col.repo"), texts.get("col.type"), texts.get("col.size"),
            texts.get("col.files"), texts.get("col.refs"), texts.get("col.modified")});
        for (Repo r : repos) {
            rows.add(new String[] {r.repoId(), r.type().id(), SizeFormat.human(r.sizeOnDisk()),
                String.valueOf(r.nbFiles()), String.join(", ", r.refNames()),
                Age.between(r.lastModified(), now).english()});
        }
        int[] widths = new int[rows.getFirst().length];
        rows.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        rows.forEach(row -> {
            var line = new StringBuilder("  ");
            for (int i = 0; i < row.length; i++) {
                line.append(String.format(Locale.ROOT, "%-" + (widths[i] + 2) + "s", row[i]));
            }
            out.println(line.toString().stripTrailing());
        });
    }

    private void findings(CacheScan s) {
        for (Finding f : s.allFindings()) {
            out.println("  " + findingTexts.severity(f.severity()).toUpperCase(texts.locale()) + "  "
                    + findingTexts.message(f));
        }
    }
}
