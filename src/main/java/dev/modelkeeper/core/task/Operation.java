package dev.modelkeeper.core.task;

/**
 * One long-running piece of work (scan, download, verify, repair, migrate), written once and driven
 * by both the window ({@code ui.FxOperationTask}) and the command line. It knows nothing about
 * threads or UI: collaborators come through the constructor, progress goes to the listener, and it
 * checks the cancellation between units of work.
 *
 * @param <R> what the operation produces
 */
public interface Operation<R> {

    /**
     * A short title for job lists and progress lines, e.g. "Scanning /home/me/.cache/huggingface/hub", as a key of
     * {@link OperationTitles} and its arguments: the window renders it in its language, again after a switch.
     */
    Message title();

    R run(ProgressListener progress, Cancellation cancellation) throws OperationException;
}
