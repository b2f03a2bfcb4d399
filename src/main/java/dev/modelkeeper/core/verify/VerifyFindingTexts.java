package dev.modelkeeper.core.verify;

import dev.modelkeeper.core.cache.FindingTexts;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Sentences for {@link VerifyFinding}s that name what the user knows: the repo and the file in it, with
 * the revision, rather than a blob's hash name ("org/name: model.safetensors (revision 1a2b3c4) does not
 * match its checksum"), as {@code hf cache verify} does. Shared by the window and the command line.
 */
public final class VerifyFindingTexts {

    private final FindingTexts texts;

    public VerifyFindingTexts(Locale locale) {
        this.texts = new FindingTexts(locale);
    }

    /** What the finding is about: "org/name: model.safetensors (revision 1a2b3c4)", "org/name", or the path. */
    public String subject(VerifyFinding f) {
        if (f.repo().isEmpty()) {
            return f.path().toString();
        }
        String repoId = f.repo().get().repoId();
        if (!f.files().isEmpty()) {
            var first = f.files().getFirst();
            String revision = texts.format("subject.revision", first.filePath().isEmpty() ? repoId
                    : texts.format("subject.file", repoId, first.filePath()), shortCommit(first.commit()));
            long others = f.files().size() - 1;
            return others > 0 ? texts.format("subject.more", revision, others) : revision;
        }
        Path repoDir = f.repo().get().repoDir().toAbsolutePath().normalize();
        Path path = f.path().toAbsolutePath().normalize();
        return path.startsWith(repoDir) && !path.equals(repoDir)
                ? texts.format("subject.file", repoId, repoDir.relativize(path).toString()) : repoId;
    }

    /** The whole sentence, subject first: for a line that stands on its own (the command line, a tooltip). */
    public String message(VerifyFinding f) {
        String subject = subject(f);
        return texts.namesPath(f.kind()) ? texts.message(f.finding(), subject)
                : texts.format("subject.file", subject, texts.message(f.finding()));
    }

    /** The sentence naming only the file, for a line under the subject. */
    public String shortMessage(VerifyFinding f) {
        String name = f.files().isEmpty() || f.files().getFirst().filePath().isEmpty()
                ? String.valueOf(f.path().getFileName()) : f.files().getFirst().filePath();
        return texts.message(f.finding(), f.repo().isEmpty() ? f.path().toString() : name);
    }

    /** What fixing it does. */
    public String repair(VerifyFinding f) {
        return texts.repair(f.finding());
    }

    public String severity(dev.modelkeeper.core.cache.Severity s) {
        return texts.severity(s);
    }

    private static String shortCommit(String commit) {
        return commit.length() > 7 ? commit.substring(0, 7) : commit;
    }
}
