package io.huddle.streaming.transport.rest;

import io.huddle.streaming.application.support.Errors;
import io.huddle.streaming.hub.Meters;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;
import io.huddle.streaming.protocol.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every failure of the REST API as {@code {"code": ..., "message": ...}} with the status of its error code.
 * Unexpected failures are logged and answered {@code internal}, without detail. Each is counted (path
 * {@code rest}) with the errors of the other transports.
 */
@Provider
@ApplicationScoped
public class ErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class.getName());

    @Inject
    Meters meters;

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof WebApplicationException web && !(web.getCause() instanceof HuddleException)) {
            int status = web.getResponse().getStatus();
            return body(status, codeFor(status), web.getMessage());
        }
        HuddleException error = Errors.known(failure).orElseGet(() -> {
            LOG.log(Level.WARNING, "REST request failed", failure);
            return Errors.internal();
        });
        return body(error.code().httpStatus(), error.code(), error.getMessage());
    }

    private Response body(int status, ErrorCode code, String message) {
        meters.error("rest", code.wireName());
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Jsons.createObjectBuilder().add("code", code.wireName())
                        .add("message", message == null ? code.wireName() : message).build().toString())
                .build();
    }

    private static ErrorCode codeFor(int status) {
        return switch (status) {
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404, 405 -> ErrorCode.NOT_FOUND;
            case 409 -> ErrorCode.CONFLICT;
            case 413 -> ErrorCode.TOO_LARGE;
            case 429 -> ErrorCode.RATE_LIMITED;
            default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.BAD_REQUEST;
        };
    }
}
