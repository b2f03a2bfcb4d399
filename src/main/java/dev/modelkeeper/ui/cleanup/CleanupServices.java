package dev.modelkeeper.ui.cleanup;

import dev.modelkeeper.core.cache.LockProbe;
import dev.modelkeeper.core.cleanup.Disposal;
import dev.modelkeeper.core.cleanup.InUseCheck;
import dev.modelkeeper.core.fs.OpenFiles;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * What the cleanup feature needs from the composition root.
 *
 * @param executor  plans and runs cleanups, off the FX thread (one at a time: a plan is never made while the
 *                  cache is being changed by another cleanup)
 * @param trash     the desktop's trash as a way to remove, or empty when this system has none; called off the
 *                  FX thread
 * @param locks     whether a download holds a lock file
 * @param inUse     whether a running program has a file open, asked anew for each plan
 * @param openFiles the files running programs have open now (dedupe skips those)
 * @param clock     for "not used for"
 * @param unusedFor a repo none of whose files was read for this long is proposed for removal
 * @param prompts   the dialogs
 */
public record CleanupServices(Executor executor, Supplier<Optional<Disposal>> trash, LockProbe locks,
                              Supplier<InUseCheck> inUse, Supplier<OpenFiles> openFiles, Clock clock, Duration unusedFor,
                              CleanupPrompts prompts) {
}
