package dev.modelkeeper.core.team;

import static dev.modelkeeper.core.team.StoreConfig.BUNDLE;

import dev.modelkeeper.core.task.Message;
import dev.modelkeeper.core.team.TeamStoreException.Kind;
import io.minio.errors.ErrorResponseException;
import java.io.IOException;

/** Turns what the S3 client throws into one sentence a user can act on; never shows a key or a signature. */
final class S3Errors {

    private S3Errors() {
    }

    static TeamStoreException of(Exception e, StoreConfig store, String key) {
        Throwable t = e;
        while (t != null && !(t instanceof ErrorResponseException) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof ErrorResponseException er) {
            int status = er.response() == null ? 0 : er.response().code();
            return answer(er.errorResponse().code(), status, store, key, e);
        }
        if (hasIoCause(e)) {
            String why = rootCause(e).getClass().getSimpleName() + ": " + rootCause(e).getMessage();
            return new TeamStoreException(Kind.UNREACHABLE, 0,
                    new Message(BUNDLE, "team.error.unreachable", store.endpoint(), why), e);
        }
        return failed(0, store, key, String.valueOf(e.getMessage()), e);
    }

    private static TeamStoreException answer(String code, int status, StoreConfig store, String key, Exception e) {
        return switch (code) {
            case "NoSuchKey", "ResourceNotFound" ->
                new TeamStoreException(Kind.NOT_FOUND, status, new Message(BUNDLE, "team.error.notFound", key), e);
            case "PreconditionFailed" ->
                new TeamStoreException(Kind.EXISTS, status, new Message(BUNDLE, "team.error.exists", key), e);
            case "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken" ->
                new TeamStoreException(Kind.ACCESS_DENIED, status,
                        new Message(BUNDLE, "team.error.accessDenied", store.address(), code), e);
            case "NoSuchBucket" -> new TeamStoreException(Kind.NO_BUCKET, status,
                    new Message(BUNDLE, "team.error.noBucket", store.bucket(), store.endpoint()), e);
            case "AuthorizationHeaderMalformed", "PermanentRedirect", "IllegalLocationConstraintException" ->
                new TeamStoreException(Kind.WRONG_REGION, status,
                        new Message(BUNDLE, "team.error.wrongRegion", store.bucket(), store.region()), e);
            case "RequestTimeTooSkewed" -> new TeamStoreException(Kind.CLOCK_SKEW, status,
                    new Message(BUNDLE, "team.error.clockSkew", store.endpoint()), e);
            default -> failed(status, store, key, code, e);
        };
    }

    private static TeamStoreException failed(int status, StoreConfig store, String key, String what, Exception e) {
        return new TeamStoreException(Kind.FAILED, status,
                new Message(BUNDLE, "team.error.failed", store.address(), key, what), e);
    }

    private static boolean hasIoCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
