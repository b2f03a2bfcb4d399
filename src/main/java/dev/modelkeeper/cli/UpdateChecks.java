package dev.modelkeeper.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.modelkeeper.core.cache.SizeFormat;
import dev.modelkeeper.core.env.AppPaths;
import dev.modelkeeper.core.update.CheckCache;
import dev.modelkeeper.core.update.FileChange;
import dev.modelkeeper.core.update.RateLimit;
import dev.modelkeeper.core.update.RefCheck;
import dev.modelkeeper.core.update.UpdateChecker;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** What {@code outdated} and {@code update} share: the checker as both build it, and a check as text and JSON. */
final class UpdateChecks {

    private UpdateChecks() {
    }

    /** The checker over the endpoint of {@code hub}, with the check cache in ModelKeeper's cache folder. */
    static UpdateChecker checker(CliContext cli, HubOptions hub, Duration maxAge, int perSecond) {
        var cache = new CheckCache(CheckCache.defaultFile(AppPaths.of(cli.env()).cacheDir()), maxAge, Clock.systemUTC());
        return new UpdateChecker(hub.client(cli.env(), null, cli.locator()), UpdateChecker.offlineMode(cli.env()), cache,
                new RateLimit(perSecond));
    }

    static String shortCommit(String commit) {
        return commit == null ? "-" : commit.substring(0, 8);
    }

    /** {@code 2 files (1 added, 1 changed)} or the like. */
    static String changes(CliTexts texts, RefCheck c) {
        return texts.format("outdated.changes", c.changes().size(), c.count(FileChange.Kind.ADDED),
                c.count(FileChange.Kind.CHANGED), c.count(FileChange.Kind.REMOVED));
    }

    static String bytes(long n) {
        return SizeFormat.bytes(n);
    }

    static Map<String, Object> json(RefCheck c, CliTexts texts) {
        var m = new LinkedHashMap<String, Object>();
        m.put("repo_id", c.repoId());
        m.put("repo_type", c.type().id());
        m.put("ref", c.ref());
        m.put("local_commit", c.localCommit());
        m.put("remote_commit", c.remoteCommit());
        m.put("state", c.state().name().toLowerCase(java.util.Locale.ROOT));
        m.put("checked_at", c.checkedAt() == null ? null : c.checkedAt().toString());
        m.put("files_changed", c.changes().size());
        m.put("bytes_to_fetch", c.bytesToFetch());
        m.put("files", c.changes().stream().map(f -> {
            var file = new LinkedHashMap<String, Object>();
            file.put("file_path", f.path());
            file.put("change", f.kind().name().toLowerCase(java.util.Locale.ROOT));
            file.put("size", f.size());
            file.put("bytes_to_fetch", f.toFetch());
            file.put("old_etag", f.oldEtag());
            file.put("new_etag", f.newEtag());
            return file;
        }).toList());
        if (c.problem() != null) {
            m.put("error", c.problem().message(texts.locale()));
        }
        return m;
    }

    static String write(Object json) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
