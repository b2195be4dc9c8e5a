package io.huddle.streaming.it;

import io.huddle.streaming.application.Actor;
import io.huddle.streaming.application.StreamingManager;
import io.huddle.streaming.application.event.MemberBanned;
import io.huddle.streaming.application.event.MemberJoined;
import io.huddle.streaming.application.event.MessageStored;
import io.huddle.streaming.application.event.RoomCreated;
import io.huddle.streaming.application.event.RoomEvent;
import io.huddle.streaming.application.messaging.PublishRequest;
import io.huddle.streaming.application.messaging.Published;
import io.huddle.streaming.application.rooms.MemberOptions;
import io.huddle.streaming.application.rooms.RoomOptions;
import io.huddle.streaming.domain.message.HistoryQuery;
import io.huddle.streaming.domain.room.RoomId;
import io.huddle.streaming.it.support.Deployments;
import io.huddle.streaming.it.support.EventRecorder;
import io.huddle.streaming.it.support.SlowObserver;
import io.huddle.streaming.it.support.WordFilter;
import io.huddle.streaming.protocol.ErrorCode;
import io.huddle.streaming.protocol.HuddleException;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.transaction.UserTransaction;
import javax.naming.InitialContext;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code StreamingManager} as an application bean uses it, inside the running server: events after commit,
 * message filters, the system actor and wire error codes.
 */
@ExtendWith(ArquillianExtension.class)
class StreamingManagerIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.huddleWar().addClasses(Deployments.class, EventRecorder.class, WordFilter.class,
                SlowObserver.class);
    }

    private static StreamingManager manager() {
        return CDI.current().select(StreamingManager.class).get();
    }

    private static EventRecorder recorder() {
        return CDI.current().select(EventRecorder.class).get();
    }

    private static String room() {
        return "api-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void committedChangesFireTypedEventsInOrder() {
        String room = room();
        manager().createRoom(Actor.system(), RoomOptions.named("Events").withId(room).ownedBy("alice"));
        manager().join(Actor.user("bob"), room, "bob", MemberOptions.member());
        manager().ban(Actor.user("alice"), room, "bob", Optional.of("spam"), Optional.empty());

        List<RoomEvent> events = recorder().of(room);
        assertEquals(List.of(RoomCreated.class, MemberJoined.class, MemberJoined.class, MemberBanned.class),
                events.stream().map(Object::getClass).toList(), events::toString);
        assertEquals("bob", ((MemberBanned) events.get(3)).ban().user());
        assertEquals("alice", ((MemberBanned) events.get(3)).ban().bannedBy());
    }

    @Test
    void rolledBackChangesFireNoEventsAndLeaveNothing() throws Exception {
        String room = room();
        UserTransaction tx = InitialContext.doLookup("java:comp/UserTransaction");
        tx.begin();
        manager().createRoom(Actor.system(), RoomOptions.named("Never").withId(room).ownedBy("alice"));
        tx.rollback();

        assertTrue(manager().room(room).isEmpty());
        assertTrue(recorder().of(room).isEmpty(), () -> recorder().of(room).toString());
    }

    @Test
    void messageFiltersRewriteAndVetoInboundMessages() {
        String room = room();
        manager().createRoom(Actor.system(), RoomOptions.named("Filtered").withId(room).ownedBy("alice"));

        Published rewritten = manager().saveMessage(Actor.user("alice"), room, PublishRequest.of("{\"text\":\"darn it\"}"));
        assertEquals("{\"text\":\"d**n it\"}", rewritten.message().data());
        assertTrue(recorder().of(room).stream().anyMatch(e -> e instanceof MessageStored));

        HuddleException vetoed = assertThrows(HuddleException.class, () ->
                manager().saveMessage(Actor.user("alice"), room, PublishRequest.of("{\"text\":\"forbidden\"}")));
        assertEquals(ErrorCode.FORBIDDEN, vetoed.code());
        assertTrue(vetoed.getMessage().contains("forbidden word"));
        assertEquals(1, manager().history(Actor.user("alice"), HistoryQuery.latest(RoomId.of(room), 10)).messages().size());
    }

    @Test
    void editsPassTheSameFiltersAndMutesAsPublishes() {
        String room = room();
        manager().createRoom(Actor.system(), RoomOptions.named("Edited").withId(room).ownedBy("carol"));
        manager().join(Actor.user("alice"), room, "alice", MemberOptions.member());
        String id = manager().saveMessage(Actor.user("alice"), room, PublishRequest.of("{\"text\":\"fine\"}"))
                .message().id();

        assertEquals("{\"text\":\"d**n\"}", manager().editMessage(Actor.user("alice"), room, id, "{\"text\":\"darn\"}").data(),
                "an edit is rewritten like a publish");
        HuddleException vetoed = assertThrows(HuddleException.class,
                () -> manager().editMessage(Actor.user("alice"), room, id, "{\"text\":\"forbidden\"}"));
        assertEquals(ErrorCode.FORBIDDEN, vetoed.code());
        assertTrue(vetoed.getMessage().contains("forbidden word"), vetoed::getMessage);

        manager().mute(Actor.user("carol"), room, "alice", Optional.empty());
        HuddleException muted = assertThrows(HuddleException.class,
                () -> manager().editMessage(Actor.user("alice"), room, id, "{\"text\":\"sneaky\"}"));
        assertEquals(ErrorCode.MUTED, muted.code());
        assertEquals("{\"text\":\"d**n\"}", manager().history(Actor.user("alice"), HistoryQuery.latest(RoomId.of(room), 1))
                .messages().get(0).data(), "a refused edit changes nothing");
    }

    @Test
    void concurrentJoinsNeverExceedTheRoomsPerUserLimit() throws Exception {
        String user = "racer-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 45; i++) {
            manager().createRoom(Actor.user(user), RoomOptions.named("Held").withId(room()));
        }
        String owner = "owner-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> rooms = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String room = room();
            manager().createRoom(Actor.system(), RoomOptions.named("Race").withId(room).ownedBy(owner));
            rooms.add(room);
        }
        jakarta.enterprise.concurrent.ManagedExecutorService executor =
                InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(rooms.size());
        List<java.util.concurrent.Future<String>> joins = new java.util.ArrayList<>();
        for (String room : rooms) {
            joins.add(executor.submit(() -> {
                start.await(30, java.util.concurrent.TimeUnit.SECONDS);
                try {
                    manager().join(Actor.user(user), room, user, MemberOptions.member());
                    return "joined";
                } catch (HuddleException e) {
                    return e.code().name();
                }
            }));
        }
        List<String> outcomes = new java.util.ArrayList<>();
        for (java.util.concurrent.Future<String> join : joins) {
            outcomes.add(join.get(60, java.util.concurrent.TimeUnit.SECONDS));
        }
        assertEquals(5, outcomes.stream().filter("joined"::equals).count(), outcomes::toString);
        assertEquals(50, manager().roomsOf(user).size());
    }

    @Test
    void stagesDependingOnAnAsynchronousPublishRunOffTheWritersAndMayPublishAgain() throws Exception {
        String room = room();
        manager().createRoom(Actor.system(), RoomOptions.named("Chained").withId(room).ownedBy("alice"));
        java.util.concurrent.CompletableFuture<String> thread = manager()
                .saveMessageAsync(Actor.system(), room, PublishRequest.of("1"))
                .thenApply(first -> Thread.currentThread().getName());
        String name = thread.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(!name.startsWith("huddle-publish"), "a dependent stage ran on " + name);
        Published second = manager().saveMessageAsync(Actor.system(), room, PublishRequest.of("2"))
                .thenApply(first -> manager().saveMessage(Actor.system(), room, PublishRequest.of("3")))
                .get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(3, second.message().seq());
    }

    @Test
    void aSlowApplicationObserverDoesNotHoldUpOtherPublishersOfTheRoom() throws Exception {
        String room = room();
        manager().createRoom(Actor.system(), RoomOptions.named("Observed").withId(room).ownedBy("alice"));
        SlowObserver observer = CDI.current().select(SlowObserver.class).get();
        jakarta.enterprise.concurrent.ManagedExecutorService executor =
                InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
        java.util.concurrent.Future<Published> slow = executor.submit(
                () -> manager().saveMessage(Actor.system(), room, PublishRequest.of("\"slow\"")));
        try {
            assertTrue(observer.awaitBusy(), "the observer never saw the slow message");
            java.util.concurrent.Future<Published> next = executor.submit(
                    () -> manager().saveMessage(Actor.system(), room, PublishRequest.of("\"next\"")));
            assertEquals(2, next.get(10, java.util.concurrent.TimeUnit.SECONDS).message().seq(),
                    "the next publish of the room completes while an observer of the previous one is busy");
            assertTrue(!slow.isDone(), "the slow observer is still busy");
        } finally {
            observer.release();
        }
        assertEquals(1, slow.get(30, java.util.concurrent.TimeUnit.SECONDS).message().seq());
    }

    @Test
    void systemSkipsPermissionsButNotRoomRules() {
        String room = room();
        manager().createRoom(Actor.system(), RoomOptions.named("Rules").withId(room).ownedBy("alice")
                .asPrivate(true).withMaxMembers(2));

        assertEquals("bob", manager().join(Actor.system(), room, "bob", MemberOptions.member()).user());
        HuddleException full = assertThrows(HuddleException.class,
                () -> manager().join(Actor.system(), room, "carol", MemberOptions.member()));
        assertEquals(ErrorCode.ROOM_FULL, full.code());
        HuddleException owner = assertThrows(HuddleException.class,
                () -> manager().ban(Actor.system(), room, "alice", Optional.empty(), Optional.empty()));
        assertEquals(ErrorCode.FORBIDDEN, owner.code());
    }

    @Test
    void userCannotJoinPrivateRoomWithoutInvite() {
        String room = room();
        manager().createRoom(Actor.system(), RoomOptions.named("Private").withId(room).ownedBy("alice").asPrivate(true));
        HuddleException refused = assertThrows(HuddleException.class,
                () -> manager().join(Actor.user("mallory"), room, "mallory", MemberOptions.member()));
        assertEquals(ErrorCode.FORBIDDEN, refused.code());
    }

    @Test
    void malformedIdsAreBadRequest() {
        HuddleException bad = assertThrows(HuddleException.class, () -> manager().room("Not A Slug"));
        assertEquals(ErrorCode.BAD_REQUEST, bad.code());
        HuddleException missing = assertThrows(HuddleException.class,
                () -> manager().members("no-such-" + UUID.randomUUID().toString().substring(0, 8)));
        assertEquals(ErrorCode.NOT_FOUND, missing.code());
    }
}
