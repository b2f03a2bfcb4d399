package dev.modelkeeper.core.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** Guesses the layout of a folder the user added, from what is inside it. */
final class LayoutDetector {

    static final Set<String> WEIGHT_SUFFIXES = Set.of(".pth", ".pt", ".bin", ".safetensors", ".ckpt", ".gguf",
            ".onnx", ".h5", ".msgpack", ".model", ".pkl", ".npz", ".tar");

    private LayoutDetector() {
    }

    static CacheKind detect(Path dir) {
        try {
            var entries = SnapshotReader.sorted(dir);
            if (entries.stream().anyMatch(p -> HubRepoScanner.parseFolderName(name(p)).isPresent())) {
                return CacheKind.HF_HUB;
            }
            if (Files.isDirectory(dir.resolve("checkpoints"))) {
                return CacheKind.TORCH_HUB;
            }
            if (isModelScope(dir)) {
                return CacheKind.MODELSCOPE;
            }
            if (entries.stream().anyMatch(LayoutDetector::isWeightFile)) {
                return CacheKind.FOLDER;
            }
        } catch (IOException e) {
            return CacheKind.HF_HUB;
        }
        return CacheKind.HF_HUB;
    }

    private static boolean isModelScope(Path dir) throws IOException {
        Path models = dir.resolve("models");
        if (Files.isDirectory(dir.resolve("._____temp")) || Files.isDirectory(models.resolve("._____temp"))) {
            return true;
        }
        if (!Files.isDirectory(models)) {
            return false;
        }
        for (Path owner : SnapshotReader.sorted(models)) {
            if (Files.isDirectory(owner)) {
                for (Path model : SnapshotReader.sorted(owner)) {
                    if (Files.exists(model.resolve(".mdl")) || Files.exists(model.resolve(".msc"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static boolean isWeightFile(Path p) {
        String n = name(p).toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && WEIGHT_SUFFIXES.stream().anyMatch(n::endsWith);
    }

    private static String name(Path p) {
        return p.getFileName().toString();
    }
}
