package io.huddle.streaming.transport.rest;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.application.StreamingManager;
import jakarta.inject.Inject;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

/**
 * What every resource of the REST API shares: the manager it calls and who is calling.
 */
abstract class ApiResource {

    @Inject
    StreamingManager manager;

    @Inject
    Caller caller;

    @Context
    SecurityContext security;

    @QueryParam("user")
    String devUser;

    /** The caller, or {@code unauthorized}. */
    Actor actor() {
        return caller.of(security, devUser);
    }

    /** The caller of a room request: {@code feature_disabled} when rooms are off. */
    Actor roomActor() {
        return caller.forRooms(security, devUser);
    }
}
