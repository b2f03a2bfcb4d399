package dev.modelkeeper.core.hub;

import java.util.List;

/**
 * What {@code GET /api/{type}s/{id}/revision/{rev}} says.
 *
 * @param id       repo id as the Hub spells it (it may differ after a rename)
 * @param sha      the commit the revision resolves to
 * @param siblings file paths at that commit
 */
public record RepoInfo(String id, String sha, List<String> siblings) {
}
