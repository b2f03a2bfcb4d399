package dev.modelkeeper.core.repair;

import dev.modelkeeper.core.verify.VerifyFinding;
import dev.modelkeeper.core.verify.VerifyFinding.FileRef;
import dev.modelkeeper.core.verify.VerifyFinding.RepoRef;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One step of a {@link RepairPlan}.
 *
 * @param kind   what will be done
 * @param path   the file acted on: the blob to fetch again, the snapshot entry to relink or to replace (copy
 *               mode), the ref to rewrite, the partial file or orphan to delete, the leftover of an
 *               interrupted repair
 * @param repo   the hub repo, empty for torch checkpoints
 * @param files  the snapshot files that use the blob (fetching it once repairs them all)
 * @param etag   the blob name the content must hash to, null where nothing is fetched
 * @param bytes  bytes to download (-1 when only the Hub can say; 0 when nothing is fetched)
 * @param cause  the finding this step answers
 */
public record RepairAction(Kind kind, Path path, Optional<RepoRef> repo, List<FileRef> files, String etag, long bytes,
                           VerifyFinding cause) {

    public enum Kind {
        /** Finish what an interrupted repair left: the original back, or the verified replacement kept. */
        FINISH_INTERRUPTED(false),
        /** Download the blob again; the damaged file is kept aside until the new one is verified. */
        FETCH_BLOB(true),
        /** Copy mode: download the file again and put it in place of the damaged snapshot file. */
        FETCH_COPY(true),
        /** Download the blob if it is missing, then point the snapshot entry at it. */
        RELINK(false),
        /** Rewrite a ref without its trailing newline. */
        REWRITE_REF(false),
        /** Download the revision a ref names, whose snapshot is gone. */
        FETCH_REVISION(true),
        /** Delete a ref that names no commit; the next download writes it again. */
        DELETE_REF(false),
        /** Delete a partial download no process is writing. */
        DELETE_PARTIAL(false),
        /** Delete a blob nothing uses (only when asked). */
        DELETE_ORPHAN(false),
        /** Delete a torch checkpoint whose content does not match its name; torch downloads it again. */
        DELETE_CHECKPOINT(false);

        private final boolean network;

        Kind(boolean network) {
            this.network = network;
        }

        /** True when this step cannot be done without the Hub. */
        public boolean needsNetwork() {
            return network;
        }
    }

    public RepairAction {
        files = List.copyOf(files);
    }

    /** True when this step needs the Hub (a RELINK needs it only if its blob is missing). */
    public boolean needsNetwork() {
        return kind.needsNetwork() || kind == Kind.RELINK && bytes != 0;
    }
}
