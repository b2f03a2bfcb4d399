package dev.modelkeeper.core.health;

import java.util.List;

/**
 * What the doctor found on this machine, in report order: environment, programs, storage, sharing, caches.
 *
 * @param findings every finding, explanations included
 */
public record Diagnosis(List<Finding> findings) {

    public Diagnosis {
        findings = List.copyOf(findings);
    }

    /** How many findings are warnings or errors. */
    public long problems() {
        return findings.stream().filter(Finding::isProblem).count();
    }

    public boolean hasProblems() {
        return problems() > 0;
    }
}
