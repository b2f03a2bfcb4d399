package dev.modelkeeper.core.verify;

import dev.modelkeeper.core.fs.HashAlgorithm;

/**
 * What a file's digest must be: equal to a blob name, or (torch checkpoints) start with the hex prefix
 * in the file name.
 */
record ExpectedDigest(HashAlgorithm algorithm, String hex, boolean prefixOnly) {

    /** The digest a blob name promises; null when the name is not a checksum. */
    static ExpectedDigest ofEtag(String etag) {
        HashAlgorithm algorithm = HashAlgorithm.forEtag(etag);
        return algorithm == null ? null : new ExpectedDigest(algorithm, etag, false);
    }

    /** torch.hub's rule: the sha256 starts with the prefix (spec §6.1). */
    static ExpectedDigest ofTorchPrefix(String prefix) {
        return new ExpectedDigest(HashAlgorithm.SHA256, prefix, true);
    }

    boolean matches(String digest) {
        return prefixOnly ? digest.startsWith(hex) : digest.equals(hex);
    }
}
