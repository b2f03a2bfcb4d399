package dev.modelkeeper.cli;

import dev.modelkeeper.core.cache.SizeFormat;
import dev.modelkeeper.core.team.StoreListing;
import dev.modelkeeper.core.team.TeamStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code modelkeeper store ls [options]}: the repos, revisions and refs in the team store, and its bytes. */
@Command(name = "ls", sortOptions = false)
final class StoreLsCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = "--json", descriptionKey = "help.store.json")
    boolean json;

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    private final CliContext cli;

    StoreLsCommand(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        TeamStore source = store.open(cli, spec);
        return cli.runner().run(CommandRunner.Display.NONE, "store.ls.cancelled", (progress, cancel) -> {
            StoreListing listing = StoreListing.read(source, cancel);
            cli.out().println(json ? StoreCommand.json(json(listing)) : text(listing));
            return ExitCode.OK;
        });
    }

    private String text(StoreListing listing) {
        var texts = cli.texts();
        var out = new StringBuilder(String.format("%-40s %-8s %9s  %-24s %10s%n", texts.get("col.repo"),
                texts.get("col.type"), texts.get("col.revisions"), texts.get("col.refs"), texts.get("col.size")));
        int revisions = 0;
        for (StoreListing.Repo r : listing.repos()) {
            revisions += r.revisions().size();
            String refs = r.refs().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().substring(0, 7))
                    .collect(Collectors.joining(","));
            out.append(String.format("%-40s %-8s %9d  %-24s %10s%n", r.repoId(), r.type().id(), r.revisions().size(),
                    refs, SizeFormat.bytes(r.bytes())));
        }
        return out.append(texts.format("store.ls.footer", listing.address(), listing.repos().size(), revisions,
                SizeFormat.bytes(listing.blobBytes()), listing.blobs())).toString();
    }

    private static Map<String, Object> json(StoreListing listing) {
        var m = new LinkedHashMap<String, Object>();
        m.put("store", listing.address());
        m.put("total_bytes", listing.blobBytes());
        m.put("blobs", listing.blobs());
        m.put("repos", listing.repos().stream().map(r -> {
            var one = new LinkedHashMap<String, Object>();
            one.put("repo_id", r.repoId());
            one.put("repo_type", r.type().id());
            one.put("bytes", r.bytes());
            one.put("refs", r.refs());
            one.put("revisions", r.revisions().stream().map(v -> Map.of("commit_hash", v.commit(), "files", v.files(),
                    "bytes", v.bytes())).toList());
            return one;
        }).toList());
        return m;
    }
}
