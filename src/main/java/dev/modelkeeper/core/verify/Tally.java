package dev.modelkeeper.core.verify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Forwards findings and verdicts to the listener as they come and counts them for the report. */
final class Tally {

    private final VerifyListener listener;
    private final List<VerifyFinding> findings = new ArrayList<>();
    private final Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
    private int blobsHashed;
    private long bytesHashed;
    private int blobsRecalled;

    Tally(VerifyListener listener) {
        this.listener = listener;
    }

    void finding(VerifyFinding f) {
        findings.add(f);
        listener.finding(f);
    }

    void verdict(Path path, Verdict v) {
        verdicts.merge(v, 1, Integer::sum);
        listener.verdict(path, v);
    }

    void hashed(long bytes) {
        blobsHashed++;
        bytesHashed += bytes;
    }

    void recalled() {
        blobsRecalled++;
    }

    VerifyReport report() {
        return new VerifyReport(verdicts, blobsHashed, bytesHashed, blobsRecalled, findings);
    }
}
