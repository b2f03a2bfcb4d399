package dev.modelkeeper.core.cache;

/** The layout of a cache root, which decides how it is scanned. */
public enum CacheKind {
    /** A Hugging Face hub cache ({@code HF_HUB_CACHE}): {@code models--*}, {@code datasets--*} ... folders. */
    HF_HUB,
    /** A PyTorch hub directory ({@code $TORCH_HOME/hub}): {@code checkpoints/} and code folders. */
    TORCH_HUB,
    /** A ModelScope cache ({@code MODELSCOPE_CACHE}): {@code models/<owner>/<name>} flat folders. */
    MODELSCOPE,
    /** The Xet cache ({@code HF_XET_CACHE}); no model files, shown by size only. */
    HF_XET,
    /** The assets cache ({@code HF_ASSETS_CACHE}); shown by size only. */
    HF_ASSETS,
    /** A plain folder of model files (an app's {@code checkpoints} folder): each file is one entry. */
    FOLDER,
    /** A folder the user added whose layout is detected when it is scanned. */
    AUTO
}
