package dev.modelkeeper.core.env;

import dev.modelkeeper.core.cache.CacheKind;
import dev.modelkeeper.core.cache.CacheRoot;
import dev.modelkeeper.core.cache.CacheRoot.Origin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Finds every cache root on this machine exactly where the official clients look (spec §1): Hugging
 * Face hub, legacy TRANSFORMERS_CACHE, PyTorch hub, ModelScope, xet and assets, then the user's folders.
 * Roots set by a variable and user roots are always listed (a missing one shows offline); defaults are
 * listed only when they exist, except the main hub cache, which every user expects to see.
 */
public final class CacheLocator {

    private static final String[] TRANSFORMERS = {"TRANSFORMERS_CACHE", "PYTORCH_TRANSFORMERS_CACHE",
        "PYTORCH_PRETRAINED_BERT_CACHE"};

    private final Environment env;
    private final PathExpander expander;

    public CacheLocator(Environment env) {
        this.env = env;
        this.expander = new PathExpander(env);
    }

    /** The roots to show, in display order, without duplicates. User roots come last. */
    public List<CacheRoot> discover(List<Path> userRoots) {
        var roots = new ArrayList<CacheRoot>();
        roots.add(hubCache());
        first(TRANSFORMERS).ifPresent(v -> roots.add(fromVariable(v, CacheKind.HF_HUB, true)));
        roots.add(torchHub());
        roots.add(modelScope());
        roots.add(xet());
        roots.add(assets());
        userRoots.forEach(p -> roots.add(CacheRoot.user(p)));
        return deduplicate(roots.stream().filter(r -> r.origin() != Origin.DEFAULT
                || r.kind() == CacheKind.HF_HUB || Files.isDirectory(r.path())).toList());
    }

    /** {@code HF_HUB_CACHE > HUGGINGFACE_HUB_CACHE > $HF_HOME/hub}. */
    public CacheRoot hubCache() {
        return first("HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE").map(v -> fromVariable(v, CacheKind.HF_HUB, true))
                .orElseGet(() -> underHfHome("hub", CacheKind.HF_HUB));
    }

    /** {@code HF_HOME > $XDG_CACHE_HOME/huggingface > ~/.cache/huggingface}, expanded. */
    public Path hfHome() {
        return env.get("HF_HOME").map(expander::expand).orElseGet(() -> xdgCache().resolve("huggingface"));
    }

    private CacheRoot underHfHome(String child, CacheKind kind) {
        String variable = env.get("HF_HOME").isPresent() ? "HF_HOME"
                : env.get("XDG_CACHE_HOME").isPresent() ? "XDG_CACHE_HOME" : null;
        return new CacheRoot(hfHome().resolve(child), kind, variable == null ? Origin.DEFAULT : Origin.ENVIRONMENT,
                variable);
    }

    /** {@code $TORCH_HOME/hub}, else {@code $XDG_CACHE_HOME/torch/hub}, else {@code ~/.cache/torch/hub}. */
    public CacheRoot torchHub() {
        return env.get("TORCH_HOME")
                .map(v -> new CacheRoot(expander.expandUserOnly(v).resolve("hub"), CacheKind.TORCH_HUB,
                        Origin.ENVIRONMENT, "TORCH_HOME"))
                .orElseGet(() -> new CacheRoot(xdgCache().resolve("torch/hub"), CacheKind.TORCH_HUB,
                        Origin.DEFAULT, null));
    }

    /** {@code MODELSCOPE_CACHE}, else {@code ~/.cache/modelscope/hub}. */
    public CacheRoot modelScope() {
        return env.get("MODELSCOPE_CACHE")
                .map(v -> new CacheRoot(expander.expandUserOnly(v), CacheKind.MODELSCOPE, Origin.ENVIRONMENT,
                        "MODELSCOPE_CACHE"))
                .orElseGet(() -> new CacheRoot(env.home().resolve(".cache/modelscope/hub"), CacheKind.MODELSCOPE,
                        Origin.DEFAULT, null));
    }

    private CacheRoot xet() {
        // Python leaves HF_XET_CACHE unexpanded; xet-core reads it as given.
        return env.get("HF_XET_CACHE")
                .map(v -> new CacheRoot(Path.of(v), CacheKind.HF_XET, Origin.ENVIRONMENT, "HF_XET_CACHE"))
                .orElseGet(() -> underHfHome("xet", CacheKind.HF_XET));
    }

    private CacheRoot assets() {
        return first("HF_ASSETS_CACHE", "HUGGINGFACE_ASSETS_CACHE")
                .map(v -> fromVariable(v, CacheKind.HF_ASSETS, true))
                .orElseGet(() -> underHfHome("assets", CacheKind.HF_ASSETS));
    }

    /** A cache variable's value as the official client reads it: {@code ~} and variables expanded, made absolute. */
    public Path expand(String raw) {
        return expander.expand(raw);
    }

    /** {@code $XDG_CACHE_HOME}, or {@code ~/.cache} (torch and the official client agree on this). */
    private Path xdgCache() {
        return env.get("XDG_CACHE_HOME").map(expander::expand).orElseGet(() -> env.home().resolve(".cache"));
    }

    private CacheRoot fromVariable(String variable, CacheKind kind, boolean expand) {
        String raw = env.get(variable).orElseThrow();
        Path p = expand ? expander.expand(raw) : Path.of(raw);
        return new CacheRoot(p, kind, Origin.ENVIRONMENT, variable);
    }

    private Optional<String> first(String... variables) {
        for (String v : variables) {
            if (env.get(v).isPresent()) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** Keeps the first root for each location, comparing real paths so a linked cache is listed once. */
    private static List<CacheRoot> deduplicate(List<CacheRoot> roots) {
        var seen = new HashSet<Path>();
        var out = new ArrayList<CacheRoot>();
        for (CacheRoot r : roots) {
            if (seen.add(real(r.path()))) {
                out.add(r);
            }
        }
        return out;
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }
}
