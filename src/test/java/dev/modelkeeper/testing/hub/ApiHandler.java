package dev.modelkeeper.testing.hub;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /api/{type}s/{id}[/revision/{rev}]} and {@code /api/{type}s/{id}/tree/{rev}[/{path}]}. */
final class ApiHandler {

    private static final Set<String> ACTIONS = Set.of("revision", "tree", "paths-info");

    private final HubEmulator hub;

    ApiHandler(HubEmulator hub) {
        this.hub = hub;
    }

    void handle(HttpExchange ex, List<String> seg) throws IOException {
        int action = 1;
        while (action < seg.size() && !ACTIONS.contains(seg.get(action))) {
            action++;
        }
        String id = String.join("/", seg.subList(1, action));
        String verb = action < seg.size() ? seg.get(action) : "revision";
        String rev = action + 1 < seg.size() ? seg.get(action + 1) : "main";
        var found = hub.resolve(ex, seg.getFirst(), id, rev);
        if (found.isEmpty()) {
            return;
        }
        String under = action + 2 < seg.size() ? String.join("/", seg.subList(action + 2, seg.size())) : "";
        if (verb.equals("tree")) {
            tree(ex, found.get().repo(), found.get().commit(), under);
        } else {
            info(ex, found.get().repo(), found.get().commit());
        }
    }

    private static void info(HttpExchange ex, FixtureRepo repo, String commit) throws IOException {
        var siblings = repo.files(commit).keySet().stream().map(p -> Map.of("rfilename", p)).toList();
        var body = new LinkedHashMap<String, Object>();
        body.put("id", repo.id());
        body.put("sha", commit);
        body.put("private", false);
        body.put("siblings", siblings);
        HubEmulator.send(ex, 200, "application/json", HubEmulator.JSON.writeValueAsBytes(body));
    }

    private void tree(HttpExchange ex, FixtureRepo repo, String commit, String under) throws IOException {
        boolean recursive = String.valueOf(ex.getRequestURI().getQuery()).contains("recursive=true")
                || String.valueOf(ex.getRequestURI().getQuery()).contains("recursive=True");
        var entries = new ArrayList<Map<String, Object>>();
        var dirs = new java.util.TreeSet<String>();
        String prefix = under.isEmpty() ? "" : under + "/";
        for (var f : repo.files(commit).values()) {
            if (!f.path().startsWith(prefix)) {
                continue;
            }
            String rest = f.path().substring(prefix.length());
            if (rest.contains("/")) {
                String[] parts = rest.split("/");
                for (int i = 1; i < (recursive ? parts.length : 2); i++) {
                    dirs.add(prefix + String.join("/", java.util.Arrays.copyOf(parts, i)));
                }
                if (!recursive) {
                    continue;
                }
            }
            entries.add(fileEntry(f));
        }
        dirs.forEach(d -> entries.add(Map.of("type", "directory", "path", d, "oid", "0".repeat(40), "size", 0)));
        entries.sort(java.util.Comparator.comparing(e -> (String) e.get("path")));
        page(ex, entries);
    }

    static Map<String, Object> fileEntry(FixtureRepo.File f) {
        var e = new LinkedHashMap<String, Object>();
        e.put("type", "file");
        e.put("oid", f.gitOid());
        e.put("size", f.size());
        e.put("path", f.path());
        if (f.lfs()) {
            e.put("lfs", Map.of("oid", f.etag(), "size", f.size(),
                    "pointerSize", f.pointer().length()));
        }
        return e;
    }

    /** Serves one page; a {@code Link: <...>; rel="next"} header points at the next one. */
    private void page(HttpExchange ex, List<Map<String, Object>> entries) throws IOException {
        String query = String.valueOf(ex.getRequestURI().getQuery());
        int cursor = 0;
        for (String kv : query.split("&")) {
            if (kv.startsWith("cursor=")) {
                cursor = Integer.parseInt(kv.substring("cursor=".length()));
            }
        }
        int end = Math.min(entries.size(), cursor + hub.pageSize());
        if (end < entries.size()) {
            String base = hub.origin() + ex.getRequestURI().getRawPath() + "?"
                    + query.replaceAll("&?cursor=\\d+", "");
            ex.getResponseHeaders().set("Link", "<" + base + "&cursor=" + end + ">; rel=\"next\"");
        }
        HubEmulator.send(ex, 200, "application/json",
                HubEmulator.JSON.writeValueAsBytes(entries.subList(cursor, end)));
    }
}
