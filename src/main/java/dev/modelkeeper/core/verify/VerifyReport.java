package dev.modelkeeper.core.verify;

import dev.modelkeeper.core.cache.FindingKind;
import dev.modelkeeper.core.cache.Severity;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a verify run found.
 *
 * @param verdicts      how many files got each verdict (every verdict present, zero when none)
 * @param blobsHashed   distinct stored files read and hashed in this run
 * @param bytesHashed   bytes read to hash them
 * @param blobsRecalled distinct stored files judged from the memo, unchanged since they were hashed
 * @param findings      every finding, in the order they were reported
 */
public record VerifyReport(Map<Verdict, Integer> verdicts, int blobsHashed, long bytesHashed, int blobsRecalled,
                           List<VerifyFinding> findings) {

    public VerifyReport {
        var all = new EnumMap<Verdict, Integer>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            all.put(v, verdicts.getOrDefault(v, 0));
        }
        verdicts = Collections.unmodifiableMap(all);
        findings = List.copyOf(findings);
    }

    public int count(Verdict v) {
        return verdicts.get(v);
    }

    /** Files that got a verdict. */
    public int files() {
        return verdicts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Whether anything a program would fail on is left: an error-severity finding. */
    public boolean problemsRemain() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }

    /** Whether an online check was asked for but the Hub could not answer for some revision. */
    public boolean hubCheckFailed() {
        return findings.stream().anyMatch(f -> f.kind() == FindingKind.HUB_CHECK_FAILED);
    }
}
