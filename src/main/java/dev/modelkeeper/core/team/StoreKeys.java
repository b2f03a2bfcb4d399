package dev.modelkeeper.core.team;

import dev.modelkeeper.core.cache.RepoType;

/**
 * The object names of the store's layout, version 1 (docs/team-store.md): under {@code <prefix>/modelkeeper/v1/},
 * {@code blobs/<etag>}, {@code manifests/<type>/<org>--<name>/<commit>.json} and
 * {@code refs/<type>/<org>--<name>/<ref>}.
 */
final class StoreKeys {

    static final String VERSION = "modelkeeper/v1/";

    private final String root;

    StoreKeys(String prefix) {
        this.root = (prefix.isEmpty() ? "" : prefix + "/") + VERSION;
    }

    String root() {
        return root;
    }

    String blob(String etag) {
        return root + "blobs/" + etag;
    }

    String manifest(RepoType type, String repoId, String commit) {
        return repo("manifests", type, repoId) + commit + ".json";
    }

    String ref(RepoType type, String repoId, String ref) {
        return repo("refs", type, repoId) + ref;
    }

    String manifests() {
        return root + "manifests/";
    }

    private String repo(String kind, RepoType type, String repoId) {
        return root + kind + "/" + type.id() + "/" + repoId.replace("/", "--") + "/";
    }
}
