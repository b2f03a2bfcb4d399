package dev.modelkeeper.cli;

import dev.modelkeeper.core.cache.RepoType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --type}, {@code --revision} and {@code --cache}, the same for {@code store push} and {@code store pull};
 * only the help of {@code --cache} differs (the cache pushed from, the cache written into), so each command mixes
 * in its own subclass, which declares it after the shared two (the order of the usage).
 */
abstract class StoreRevisionOptions {

    @Option(names = {"--type", "--repo-type"}, paramLabel = "TYPE", converter = Converters.DownloadType.class,
            descriptionKey = "help.store.type")
    RepoType type = RepoType.MODEL;

    @Option(names = "--revision", paramLabel = "R", descriptionKey = "help.store.revision")
    String revision = "main";

    /** --cache as given, or null. */
    abstract Path cacheOption();

    /** The hub cache: --cache, else the one the official client would use. */
    Path cache(CliContext cli) {
        Path given = cacheOption();
        return given != null ? given : cli.locator().hubCache().path();
    }

    /** The start of one repo's entry in the JSON document: repo_id, repo_type, revision and commit_hash. */
    Map<String, Object> jsonRepo(String repoId, String commit) {
        var one = new LinkedHashMap<String, Object>();
        one.put("repo_id", repoId);
        one.put("repo_type", type.id());
        one.put("revision", revision);
        one.put("commit_hash", commit);
        return one;
    }

    /** For {@code store push}: the cache pushed from. */
    static final class Push extends StoreRevisionOptions {

        @Option(names = {"--cache", "--cache-dir"}, paramLabel = "DIR", descriptionKey = "help.store.push.cache")
        Path cache;

        @Override
        Path cacheOption() {
            return cache;
        }
    }

    /** For {@code store pull}: the cache written into. */
    static final class Pull extends StoreRevisionOptions {

        @Option(names = {"--cache", "--cache-dir"}, paramLabel = "DIR", descriptionKey = "help.store.pull.cache")
        Path cache;

        @Override
        Path cacheOption() {
            return cache;
        }
    }
}
