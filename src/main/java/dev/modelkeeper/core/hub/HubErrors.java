package dev.modelkeeper.core.hub;

import dev.modelkeeper.core.hub.HubException.Kind;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Response;

/** Turns an unsuccessful Hub response into a {@link HubException} (spec §4.7 and §4.8). */
final class HubErrors {

    private static final Pattern RATELIMIT = Pattern.compile("r=(\\d+);\\s*t=(\\d+)");

    private HubErrors() {
    }

    /**
     * @param subject what was asked for, for the message: {@code org/name}, {@code org/name@main:config.json}
     */
    static HubException of(Response r, String subject, String repoId) {
        String code = r.header("X-Error-Code", "");
        String message = r.header("X-Error-Message", "");
        int status = r.code();
        Kind kind = switch (code) {
            case "RevisionNotFound" -> Kind.REVISION_NOT_FOUND;
            case "EntryNotFound" -> Kind.ENTRY_NOT_FOUND;
            case "GatedRepo" -> Kind.GATED;
            case "RepoNotFound" -> Kind.REPO_NOT_FOUND;
            default -> byStatus(r, message);
        };
        // the repo's page on the endpoint that answered (a mirror's own address when a mirror is used)
        String shown = kind == Kind.GATED ? r.request().url().newBuilder().encodedPath("/").query(null).build()
                + repoId : subject;
        return new HubException(kind, status, kind == Kind.RATE_LIMITED ? retryAfter(r) : 0, shown, null);
    }

    private static Kind byStatus(Response r, String message) {
        int status = r.code();
        String path = r.request().url().encodedPath();
        if ("Access to this resource is disabled.".equals(message)) {
            return Kind.DISABLED;
        }
        // contains, not startsWith: a proxy serves the Hub below a path of its own (…/api/huggingfaceml/repo)
        boolean repoUrl = path.contains("/api/models/") || path.contains("/api/datasets/")
                || path.contains("/api/spaces/") || path.contains("/resolve/");
        if (status == 401 && repoUrl && !"Invalid credentials in Authorization header".equals(message)) {
            return Kind.REPO_NOT_FOUND; // the Hub answers 401 for private, gated and missing repos alike
        }
        return switch (status) {
            case 400 -> Kind.BAD_REQUEST;
            case 401, 403 -> Kind.FORBIDDEN;
            case 404 -> Kind.ENTRY_NOT_FOUND;
            case 416 -> Kind.RANGE_NOT_SATISFIABLE;
            case 429 -> Kind.RATE_LIMITED;
            case 408, 500, 502, 503, 504 -> Kind.SERVER_ERROR;
            default -> status >= 500 ? Kind.SERVER_ERROR : Kind.UNEXPECTED;
        };
    }

    /** {@code ratelimit: "api";r=0;t=55} waits t+1 s; else a numeric Retry-After + 1 s; else 0. */
    static long retryAfter(Response r) {
        Matcher m = RATELIMIT.matcher(r.header("ratelimit", ""));
        if (m.find() && m.group(1).equals("0")) {
            return Long.parseLong(m.group(2)) + 1;
        }
        String after = r.header("Retry-After", "");
        return after.matches("\\d+") ? Long.parseLong(after) + 1 : 0;
    }
}
