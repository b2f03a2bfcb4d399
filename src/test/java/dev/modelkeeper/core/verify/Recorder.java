package dev.modelkeeper.core.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.FindingKind;
import dev.modelkeeper.core.task.Cancellation;
import dev.modelkeeper.core.task.CancelledException;
import dev.modelkeeper.core.task.ProgressListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Records what a verify run streams, and checks that each file gets exactly one verdict. */
final class Recorder implements VerifyListener {

    final List<VerifyFinding> findings = new ArrayList<>();
    final Map<Path, Verdict> verdicts = new LinkedHashMap<>();
    VerifyReport report;

    @Override
    public void finding(VerifyFinding f) {
        findings.add(f);
    }

    @Override
    public void verdict(Path path, Verdict v) {
        assertNull(verdicts.put(path, v), "a second verdict for " + path);
    }

    static Recorder verify(VerifyScope scope, VerdictStore store) throws CancelledException {
        var r = new Recorder();
        r.report = new VerifyOperation(scope, store, r, 2, Optional.empty()).run(ProgressListener.NONE,
                Cancellation.create());
        assertEquals(r.findings, r.report.findings(), "the report holds what was streamed");
        return r;
    }

    static Recorder verify(Path cache) throws CancelledException {
        return verify(VerifyScope.root(CacheRoot.user(cache)), VerdictStore.inMemory());
    }

    List<FindingKind> kinds() {
        return findings.stream().map(VerifyFinding::kind).toList();
    }

    /** The only finding of this kind. */
    VerifyFinding only(FindingKind kind) {
        var matching = findings.stream().filter(f -> f.kind() == kind).toList();
        assertEquals(1, matching.size(), kind + " in " + findings);
        return matching.getFirst();
    }

    Verdict verdict(Path path) {
        return verdicts.get(path.toAbsolutePath().normalize());
    }
}
