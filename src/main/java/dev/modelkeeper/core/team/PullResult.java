package dev.modelkeeper.core.team;

import dev.modelkeeper.core.download.DownloadPlan;

/**
 * What a pull did: the download's plan, and where its bytes came from.
 *
 * @param bytesFromStore bytes the team store served
 * @param bytesFromHub   bytes the Hub (or mirror) served: 0 when the store held everything
 */
public record PullResult(String repoId, DownloadPlan plan, long bytesFromStore, long bytesFromHub) {
}
