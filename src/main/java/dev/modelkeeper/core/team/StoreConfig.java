package dev.modelkeeper.core.team;

import dev.modelkeeper.core.env.Environment;
import dev.modelkeeper.core.task.Message;
import dev.modelkeeper.core.task.OperationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the team store is and who we are to it, read as the AWS tools read it: {@code AWS_ENDPOINT_URL_S3},
 * then {@code AWS_ENDPOINT_URL} (else AWS itself); {@code AWS_REGION}; the keys from {@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}, else the {@code AWS_PROFILE} (or default) section of
 * {@code ~/.aws/credentials}. {@link #toString()} never shows a secret.
 *
 * @param endpoint  the S3 endpoint URL ({@code https://s3.amazonaws.com} when none is set)
 * @param region    the bucket's region
 * @param bucket    the bucket
 * @param prefix    a folder in the bucket above {@code modelkeeper/v1/}, "" for none
 * @param pathStyle {@code endpoint/bucket/key} rather than {@code bucket.endpoint/key}
 * @param accessKey the access key id
 * @param secretKey the secret key
 * @param session   the session token, or null
 */
public record StoreConfig(String endpoint, String region, String bucket, String prefix, boolean pathStyle,
                          String accessKey, String secretKey, String session) {

    static final String BUNDLE = "dev.modelkeeper.core.team.messages";

    @Override
    public String toString() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix) + " at " + endpoint;
    }

    /** The store's address as the user writes it. */
    public String address() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    /**
     * @param store    {@code s3://bucket[/prefix]}
     * @param endpoint an endpoint given on the command line, or null
     */
    public static StoreConfig of(String store, String endpoint, Environment env) throws OperationException {
        Map<String, String> keys = credentials(env);
        return of(store, endpoint, keys.get("id"), keys.get("secret"), keys.get("token"), env);
    }

    /**
     * As {@link #of(String, String, Environment)} with the keys given (the window's saved team store) rather than
     * read from the environment; the endpoint and region still fall back to it.
     */
    public static StoreConfig of(String store, String endpoint, String accessKey, String secretKey, String session,
                                 Environment env) throws OperationException {
        var m = java.util.regex.Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(/.*)?").matcher(
                store == null ? "" : store.trim());
        if (!m.matches()) {
            throw new OperationException(new Message(BUNDLE, "team.error.badStore", store), null, null);
        }
        String prefix = m.group(2) == null ? "" : m.group(2).replaceAll("^/+|/+$", "");
        String url = Optional.ofNullable(endpoint).filter(s -> !s.isBlank())
                .or(() -> env.get("AWS_ENDPOINT_URL_S3").filter(s -> !s.isBlank()))
                .or(() -> env.get("AWS_ENDPOINT_URL").filter(s -> !s.isBlank()))
                .orElse("https://s3.amazonaws.com");
        String region = env.get("AWS_REGION").or(() -> env.get("AWS_DEFAULT_REGION")).filter(s -> !s.isBlank())
                .orElse("us-east-1");
        boolean aws = url.contains("amazonaws.com");
        if (accessKey == null || accessKey.isEmpty() || secretKey == null || secretKey.isEmpty()) {
            throw new OperationException(new Message(BUNDLE, "team.error.noCredentials"), null, null);
        }
        return new StoreConfig(url.replaceAll("/+$", ""), region, m.group(1), prefix, !aws, accessKey, secretKey,
                session);
    }

    private static Map<String, String> credentials(Environment env) {
        var keys = new HashMap<String, String>();
        keys.put("id", env.get("AWS_ACCESS_KEY_ID").filter(s -> !s.isEmpty()).orElse(null));
        keys.put("secret", env.get("AWS_SECRET_ACCESS_KEY").filter(s -> !s.isEmpty()).orElse(null));
        keys.put("token", env.get("AWS_SESSION_TOKEN").filter(s -> !s.isEmpty()).orElse(null));
        if (keys.get("id") != null && keys.get("secret") != null) {
            return keys;
        }
        Path file = env.get("AWS_SHARED_CREDENTIALS_FILE").map(Path::of)
                .orElse(env.home().resolve(".aws").resolve("credentials"));
        Map<String, String> section = profile(file, env.get("AWS_PROFILE").orElse("default"));
        keys.put("id", section.get("aws_access_key_id"));
        keys.put("secret", section.get("aws_secret_access_key"));
        keys.put("token", section.get("aws_session_token"));
        return keys;
    }

    /** One {@code [name]} section of an INI file ({@code key = value} lines), empty when absent or unreadable. */
    static Map<String, String> profile(Path file, String name) {
        var values = new HashMap<String, String>();
        try {
            String current = null;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String t = line.strip();
                if (t.startsWith("[") && t.endsWith("]")) {
                    current = t.substring(1, t.length() - 1).strip();
                } else if (name.equals(current) && t.contains("=") && !t.startsWith("#") && !t.startsWith(";")) {
                    values.put(t.substring(0, t.indexOf('=')).strip(), t.substring(t.indexOf('=') + 1).strip());
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return values;
    }
}
