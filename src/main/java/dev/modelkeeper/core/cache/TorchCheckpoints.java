package dev.modelkeeper.core.cache;

import java.util.regex.Pattern;

/** torch.hub's file-name hash rule (spec §6.1): {@code resnet18-f37072fd.pth} promises a sha256 prefix. */
public final class TorchCheckpoints {

    private static final Pattern HASH_REGEX = Pattern.compile("-([a-f0-9]*)\\.");

    private TorchCheckpoints() {
    }

    /** The hex prefix the sha256 of the file must start with; empty when the name promises nothing. */
    public static String hashPrefix(String fileName) {
        var m = HASH_REGEX.matcher(fileName);
        return m.find() ? m.group(1) : "";
    }

    /** Partial downloads: {@code <name>.<uuid>.partial}, or {@code tmpXXXX} from older torch versions. */
    static boolean isPartial(String fileName) {
        return fileName.endsWith(".partial") || fileName.startsWith("tmp");
    }
}
