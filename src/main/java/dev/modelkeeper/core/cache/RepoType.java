package dev.modelkeeper.core.cache;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kind of thing a cache entry holds. The first four are Hugging Face repo types with the folder
 * prefix the official client uses ({@code models--org--name}); the torch kinds describe PyTorch hub
 * content, which has no repo folders.
 */
public enum RepoType {
    MODEL("model", "models"),
    DATASET("dataset", "datasets"),
    SPACE("space", "spaces"),
    KERNEL("kernel", "kernels"),
    /** A weights file in {@code <torch hub>/checkpoints}. */
    TORCH_CHECKPOINT("checkpoint", null),
    /** A code repo {@code owner_repo_ref} fetched by {@code torch.hub.load}. */
    TORCH_CODE("torch_code", null);

    private final String id;
    private final String folderPrefix;

    RepoType(String id, String folderPrefix) {
        this.id = id;
        this.folderPrefix = folderPrefix;
    }

    /** The value used in JSON output ({@code repo_type}), e.g. {@code model}. */
    public String id() {
        return id;
    }

    /** The Hugging Face folder prefix ({@code models}), or null for non-hub kinds. */
    public String folderPrefix() {
        return folderPrefix;
    }

    public static Optional<RepoType> fromFolderPrefix(String prefix) {
        return Arrays.stream(values()).filter(t -> prefix.equals(t.folderPrefix)).findFirst();
    }

    public static Optional<RepoType> fromId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equalsIgnoreCase(id)).findFirst();
    }
}
