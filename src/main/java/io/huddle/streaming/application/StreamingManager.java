package io.huddle.streaming.application;

import io.huddle.streaming.application.admin.ConnectionAdmin;
import io.huddle.streaming.application.broadcasts.BroadcastService;
import io.huddle.streaming.application.channels.ChannelService;
import io.huddle.streaming.application.direct.DirectService;
import io.huddle.streaming.application.messaging.MessageService;
import io.huddle.streaming.application.messaging.PublishRequest;
import io.huddle.streaming.application.messaging.Published;
import io.huddle.streaming.application.moderation.ModerationService;
import io.huddle.streaming.application.pins.PinService;
import io.huddle.streaming.application.presence.PresenceService;
import io.huddle.streaming.application.reactions.ReactionService;
import io.huddle.streaming.application.reading.ReadService;
import io.huddle.streaming.application.rooms.InviteOptions;
import io.huddle.streaming.application.rooms.InviteService;
import io.huddle.streaming.application.rooms.MemberOptions;
import io.huddle.streaming.application.rooms.MembershipService;
import io.huddle.streaming.application.rooms.RoomAccess;
import io.huddle.streaming.application.rooms.RoomMode;
import io.huddle.streaming.application.rooms.RoomOptions;
import io.huddle.streaming.application.rooms.RoomService;
import io.huddle.streaming.application.rooms.RoomUpdate;
import io.huddle.streaming.application.support.Validation;
import io.huddle.streaming.application.typing.TypingService;
import io.huddle.streaming.application.view.BanView;
import io.huddle.streaming.application.view.ConnectionList;
import io.huddle.streaming.application.view.DirectView;
import io.huddle.streaming.application.view.HistoryView;
import io.huddle.streaming.application.view.InviteView;
import io.huddle.streaming.application.view.MemberView;
import io.huddle.streaming.application.view.MessageView;
import io.huddle.streaming.application.view.ModerationLogEntry;
import io.huddle.streaming.application.view.MuteView;
import io.huddle.streaming.application.view.PinView;
import io.huddle.streaming.application.view.RoomPage;
import io.huddle.streaming.application.view.RoomView;
import io.huddle.streaming.application.view.ServerStats;
import io.huddle.streaming.application.view.UnreadView;
import io.huddle.streaming.domain.channel.Channel;
import io.huddle.streaming.domain.message.HistoryQuery;
import io.huddle.streaming.domain.room.Role;
import io.huddle.streaming.domain.room.RoomId;
import io.huddle.streaming.domain.room.RoomSearch;
import io.huddle.streaming.hub.Broker;
import io.huddle.streaming.hub.ConnectionRegistry;
import io.huddle.streaming.hub.Envelope;
import io.huddle.streaming.hub.OutboundFrame;
import io.huddle.streaming.hub.UserPresence;
import io.huddle.streaming.protocol.CloseCodes;
import io.huddle.streaming.protocol.Frames;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The one bean applications inject to use Huddle from their own code: rooms, membership, invites, moderation,
 * messages and broadcasts. Every method enforces the same rules as the wire protocol and the REST API (see
 * {@link RoomAccess} for the permission matrix): {@code by} is the user on whose behalf the call is made, or
 * {@link Actor#system()} for trusted application code, which skips permission checks but not room rules (bans,
 * max members, private rooms). Failures are {@link io.huddle.streaming.protocol.HuddleException}s carrying the
 * wire error code ({@code not_found}, {@code forbidden}, {@code banned}, {@code room_full}, ...). Each
 * changing method runs in its own transaction (or joins the caller's); events and deliveries follow its commit.
 * Ids are validated: a malformed room or user id is {@code bad_request}. Results are immutable snapshots.
 * Thread-safe.
 */
@ApplicationScoped
public class StreamingManager {

    /** The channel name of frames sent by {@link #broadcastToUser}. */
    public static final String USER_CHANNEL = BroadcastService.USER_CHANNEL;
    /** The channel name of frames sent by {@link #broadcastToAll}. */
    public static final String ALL_CHANNEL = BroadcastService.ALL_CHANNEL;

    @Inject
    RoomService rooms;

    @Inject
    MembershipService members;

    @Inject
    InviteService invites;

    @Inject
    ModerationService moderation;

    @Inject
    MessageService messages;

    @Resource
    ManagedExecutorService executor;

    @Inject
    PinService pins;

    @Inject
    BroadcastService broadcasts;

    @Inject
    ReadService reading;

    @Inject
    DirectService directs;

    @Inject
    ReactionService reactions;

    @Inject
    ConnectionAdmin admin;

    @Inject
    PresenceService presence;

    @Inject
    TypingService typing;

    @Inject
    ChannelService channels;

    @Inject
    Broker broker;

    @Inject
    ConnectionRegistry connections;

    // Rooms

    /** Creates a room; the acting user (or {@code options.owner()} for the system) becomes its owner and first member. */
    public RoomView createRoom(Actor by, RoomOptions options) {
        return rooms.create(by, options);
    }

    /** The room with {@code id}, if it exists. */
    public Optional<RoomView> room(String id) {
        return rooms.find(Validation.roomId(id));
    }

    /**
     * The room with {@code id} as {@code by} may see it: {@code not_found} if it does not exist; a private room is
     * shown to its members and trusted actors only ({@code forbidden}, or {@code banned}, to anyone else).
     */
    public RoomView room(Actor by, String id) {
        return rooms.get(by, Validation.roomId(id));
    }

    /** Rooms in id order after {@code after} (exclusive), at most {@code limit} (1 to 200), archived ones if asked. */
    public List<RoomView> rooms(Optional<String> after, int limit, boolean includeArchived) {
        return rooms(Actor.system(), after, limit, includeArchived);
    }

    /**
     * Rooms as {@link #rooms(Optional, int, boolean)}, as {@code by} may see them: a user sees the public rooms and
     * the private rooms they are a member of; trusted actors see every room.
     */
    public List<RoomView> rooms(Actor by, Optional<String> after, int limit, boolean includeArchived) {
        return rooms.list(by, after.map(Validation::roomId), limit, includeArchived);
    }

    /**
     * Room discovery: the rooms matching {@code search} (words in the name or description, a tag, a category), in
     * id order after {@code after}, at most {@code limit} (1 to 200), each with its member count; a user sees the
     * public rooms and the private rooms they are a member of, trusted actors every room.
     */
    public RoomPage discoverRooms(Actor by, RoomSearch search, Optional<String> after, int limit,
                                  boolean includeArchived) {
        return rooms.discover(by, search, after.map(Validation::roomId), limit, includeArchived);
    }

    /** The rooms {@code user} is a member of. */
    public List<RoomView> roomsOf(String user) {
        return rooms.roomsOf(Validation.userId(user));
    }

    /** Changes a room's settings. Admin or above. */
    public RoomView updateRoom(Actor by, String room, RoomUpdate update) {
        return rooms.update(by, Validation.roomId(room), update);
    }

    /**
     * Sets a room's slow mode and lock, live. Moderator or above; moderators and above are exempt from both.
     */
    public RoomView setRoomMode(Actor by, String room, RoomMode mode) {
        return rooms.setMode(by, Validation.roomId(room), mode);
    }

    /** Archives a room (readable, but closed to joins and messages). Admin or above. */
    public RoomView archiveRoom(Actor by, String room) {
        return rooms.archive(by, Validation.roomId(room));
    }

    /** Restores an archived room. Admin or above. */
    public RoomView restoreRoom(Actor by, String room) {
        return rooms.restore(by, Validation.roomId(room));
    }

    /** Deletes a room and everything in it. Owner only. */
    public void deleteRoom(Actor by, String room) {
        rooms.delete(by, Validation.roomId(room));
    }

    // Membership

    /** Makes {@code user} a member (see {@link MembershipService#join}); joining again changes nothing. */
    public MemberView join(Actor by, String room, String user, MemberOptions options) {
        return members.join(by, Validation.roomId(room), Validation.userId(user), options);
    }

    /** {@code user} leaves; an owner hands the room to the next in rank, or is refused if alone. */
    public void leave(Actor by, String room, String user) {
        members.leave(by, Validation.roomId(room), Validation.userId(user));
    }

    /** The members of a room, highest role first. */
    public List<MemberView> members(String room) {
        return members.members(Validation.roomId(room));
    }

    /** The members of a room, highest role first, for its members and trusted actors ({@code forbidden} else). */
    public List<MemberView> members(Actor by, String room) {
        return members.members(by, Validation.roomId(room));
    }

    /** The membership of {@code user}, if any. */
    public Optional<MemberView> member(String room, String user) {
        return members.member(Validation.roomId(room), Validation.userId(user));
    }

    /** Changes a member's role (below owner). Admin or above, ranking above the old and new role. */
    public MemberView changeRole(Actor by, String room, String user, Role role) {
        return members.changeRole(by, Validation.roomId(room), Validation.userId(user), role);
    }

    /** Makes member {@code newOwner} the owner; the former owner becomes an admin. Owner only. */
    public RoomView transferOwnership(Actor by, String room, String newOwner) {
        return members.transferOwnership(by, Validation.roomId(room), Validation.userId(newOwner));
    }

    /** Removes a member, who may join again. Moderator or above, ranking above the member. */
    public void kick(Actor by, String room, String user, Optional<String> reason) {
        members.kick(by, Validation.roomId(room), Validation.userId(user), reason);
    }

    // Invites

    /** A new invite code. Moderator or above. */
    public InviteView createInvite(Actor by, String room, InviteOptions options) {
        return invites.create(by, Validation.roomId(room), options);
    }

    /** Revokes an invite code. Moderator or above. */
    public void revokeInvite(Actor by, String room, String code) {
        invites.revoke(by, Validation.roomId(room), code);
    }

    /** The room's invite codes that are not revoked. Moderator or above. */
    public List<InviteView> invites(Actor by, String room) {
        return invites.list(by, Validation.roomId(room));
    }

    // Moderation

    /** Bans {@code user} for {@code duration} (empty: until lifted), ending their membership. Moderator or above. */
    public BanView ban(Actor by, String room, String user, Optional<String> reason, Optional<Duration> duration) {
        return moderation.ban(by, Validation.roomId(room), Validation.userId(user), reason, duration);
    }

    /** Lifts a ban. Moderator or above. */
    public void unban(Actor by, String room, String user) {
        moderation.unban(by, Validation.roomId(room), Validation.userId(user));
    }

    /** The bans in force. Moderator or above. */
    public List<BanView> bans(Actor by, String room) {
        return moderation.bans(by, Validation.roomId(room));
    }

    /** Mutes a member for {@code duration} (empty: until unmuted). Moderator or above. */
    public MuteView mute(Actor by, String room, String user, Optional<Duration> duration) {
        return moderation.mute(by, Validation.roomId(room), Validation.userId(user), duration);
    }

    /** Lifts a mute. Moderator or above. */
    public void unmute(Actor by, String room, String user) {
        moderation.unmute(by, Validation.roomId(room), Validation.userId(user));
    }

    /** The mutes in force. Moderator or above. */
    public List<MuteView> mutes(Actor by, String room) {
        return moderation.mutes(by, Validation.roomId(room));
    }

    /** The newest {@code limit} moderation log lines, before line {@code beforeId} if given. Moderator or above. */
    public List<ModerationLogEntry> moderationLog(Actor by, String room, Optional<Long> beforeId, int limit) {
        return moderation.log(by, Validation.roomId(room), beforeId, limit);
    }

    // Messages

    /**
     * Stores a message in the room's history and delivers it to the room's connections after commit; returns once
     * it is stored. Called within a transaction, the message is part of it (stored and delivered only if it
     * commits); otherwise it shares a transaction with other publishes arriving at the same time.
     */
    public Published saveMessage(Actor by, String room, PublishRequest request) {
        return messages.publish(by, Validation.roomId(room), request);
    }

    /**
     * {@link #saveMessage} without waiting: the stage completes once the message is stored and delivered to the
     * room's connections, or exceptionally with the publish's error (a {@code HuddleException} for a broken rule).
     * An invalid room id or a spent rate budget is thrown at once. The stage completes on a thread of the
     * container's executor, so stages that depend on it may do anything, another publish included.
     */
    public CompletableFuture<Published> saveMessageAsync(Actor by, String room, PublishRequest request) {
        CompletableFuture<Published> stored = messages.publishAsync(by, Validation.roomId(room), request);
        CompletableFuture<Published> result = new CompletableFuture<>();
        // Not on the writer that stored it: a stage that published and waited there would wait for that writer.
        stored.whenCompleteAsync((published, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(published);
            }
        }, executor);
        return result;
    }

    /** A page of history (see {@link HistoryQuery}). */
    public HistoryView history(Actor by, HistoryQuery query) {
        return messages.history(by, query);
    }

    /** Replaces a message's data. The author, or a moderator and above. */
    public MessageView editMessage(Actor by, String room, String messageId, String dataJson) {
        return messages.edit(by, Validation.roomId(room), messageId, dataJson);
    }

    /** Deletes a message. The author, or a moderator and above. */
    public void deleteMessage(Actor by, String room, String messageId) {
        messages.delete(by, Validation.roomId(room), messageId);
    }

    // Reactions

    /**
     * Adds {@code by}'s {@code reaction} (an emoji or a short name) to a message of the room; returns how many users
     * gave it. Members who may publish there; at most {@code streaming.limits.reactions-per-message} different
     * reactions per message. Announced to the room with a {@code reaction} frame.
     */
    public long react(Actor by, String room, String messageId, String reaction) {
        return reactions.add(by, Validation.roomId(room), messageId, reaction);
    }

    /** Removes {@code by}'s {@code reaction} from a message; {@code not_found} if they had not given it. */
    public long unreact(Actor by, String room, String messageId, String reaction) {
        return reactions.remove(by, Validation.roomId(room), messageId, reaction);
    }

    // Pins

    /**
     * Pins a message of the room (moderator and above; at most {@code streaming.limits.pins-per-room}); returns the
     * pin, the earlier one if the message was pinned already. Announced to the room with a {@code pin} frame.
     */
    public PinView pin(Actor by, String room, String messageId) {
        return pins.pin(by, Validation.roomId(room), messageId);
    }

    /** Unpins a message of the room (moderator and above); {@code not_found} if it is not pinned. */
    public void unpin(Actor by, String room, String messageId) {
        pins.unpin(by, Validation.roomId(room), messageId);
    }

    /** The room's pinned messages, the latest pinned first, for whoever may read its history. */
    public List<PinView> pins(Actor by, String room) {
        return pins.pins(by, Validation.roomId(room));
    }

    // Direct conversations

    /**
     * The direct conversation of {@code user} and {@code other}: a private room of the two, opened if it was not
     * (the same pair always gets the same room, concurrent opens included). {@code forbidden} when either blocks the
     * other. A user opens only their own conversations.
     */
    public DirectView openDirect(Actor by, String user, String other) {
        return directs.open(by, user, other);
    }

    /** {@code user}'s direct conversations with the other user and the latest message, the latest active first. */
    public List<DirectView> directs(Actor by, String user, int limit) {
        return directs.list(by, user, limit);
    }

    /** {@code user} refuses direct messages from {@code other}: neither opens nor writes in their conversation. */
    public void block(Actor by, String user, String other) {
        directs.block(by, user, other);
    }

    /** {@code user} lifts their block of {@code other}; {@code not_found} if there was none. */
    public void unblock(Actor by, String user, String other) {
        directs.unblock(by, user, other);
    }

    /** The users {@code user} blocks. */
    public List<String> blocks(Actor by, String user) {
        return directs.blocked(by, user);
    }

    // Read markers

    /**
     * Moves {@code user}'s read marker in the room forward to {@code seq} (at most the room's latest; never back);
     * returns the marker after the call. Every connection of the user learns a move with a {@code read} frame. A
     * user moves only their own marker.
     */
    public long markRead(Actor by, String room, String user, long seq) {
        return reading.markRead(by, Validation.roomId(room), Validation.userId(user), seq);
    }

    /**
     * {@code user}'s unread messages and mentions in every room they are a member of, by room id, in one read of
     * the database (no history scan). A user reads only their own.
     */
    public List<UnreadView> unread(Actor by, String user) {
        return reading.unread(by, Validation.userId(user));
    }

    // Broadcasts

    /** Sends a message from {@code system} to a room: stored like every room message, so it can be replayed. */
    public Published broadcastToRoom(String room, String event, String dataJson) {
        return saveMessage(Actor.system(), room, new PublishRequest(dataJson, Optional.ofNullable(event),
                Optional.empty(), Optional.empty()));
    }

    /**
     * Sends a message from {@code system} to each of {@code rooms}, stored like {@link #broadcastToRoom}, all in one
     * transaction: in every room or, if one of them refuses it (unknown, archived), in none. Returns one result per
     * distinct room, in the order given. At most {@value BroadcastService#MAX_TARGETS} rooms.
     */
    public List<Published> broadcastToRooms(Collection<String> rooms, String event, String dataJson) {
        return broadcasts.toRooms(rooms, Optional.ofNullable(event), dataJson);
    }

    /**
     * Sends a live (not stored) {@code message} frame on channel {@value #USER_CHANNEL} to every connection of
     * {@code user}, on every node.
     */
    public void broadcastToUser(String user, String event, String dataJson) {
        broadcasts.toUsers(List.of(user), Optional.ofNullable(event), dataJson);
    }

    /**
     * Sends a live (not stored) {@code message} frame on channel {@value #USER_CHANNEL} to every connection of each
     * of {@code users} (each once, however often named), on every node. At most
     * {@value BroadcastService#MAX_TARGETS} users.
     */
    public void broadcastToUsers(Collection<String> users, String event, String dataJson) {
        broadcasts.toUsers(users, Optional.ofNullable(event), dataJson);
    }

    /**
     * Sends a live (not stored) {@code message} frame on channel {@value #USER_CHANNEL} to the one connection
     * {@code connectionId} (the id its {@code welcome} frame gave), on whichever node it is open; if it is not open,
     * nothing is sent.
     */
    public void broadcastToConnection(String connectionId, String event, String dataJson) {
        broadcasts.toConnection(connectionId, Optional.ofNullable(event), dataJson);
    }

    /** Sends a live (not stored) {@code message} frame on channel {@value #ALL_CHANNEL} to every connection. */
    public void broadcastToAll(String event, String dataJson) {
        broadcasts.toAll(Optional.ofNullable(event), dataJson);
    }

    /**
     * Sends a live (not stored) {@code message} frame on channel {@value #ALL_CHANNEL} to every connection except
     * those of {@code exceptUsers}, on every node. At most {@value BroadcastService#MAX_TARGETS} users.
     */
    public void broadcastToAllExcept(Collection<String> exceptUsers, String event, String dataJson) {
        broadcasts.toAllExcept(exceptUsers, Optional.ofNullable(event), dataJson);
    }

    // Presence

    /** Sets the status {@code user} chose ({@code online}, {@code away}, {@code busy}, {@code invisible}) and text. */
    public UserPresence setPresence(String user, String status, Optional<String> text) {
        return presence.choose(Validation.userId(user), null, status, Optional.empty(), text);
    }

    /** The presence of {@code user}; {@link UserPresence#visibleStatus()} is what others see. */
    public UserPresence presence(String user) {
        return presence.get(Validation.userId(user));
    }

    /** The presences of many users at once, keyed by user. */
    public Map<String, UserPresence> presence(Collection<String> users) {
        return presence.getAll(users.stream().map(Validation::userId).toList());
    }

    /**
     * The presences of many users as {@code by} may see them, keyed by user: a user sees their own and that of
     * users they share a room with; anyone else shows as offline with no details. Trusted actors see everyone.
     */
    public Map<String, UserPresence> presence(Actor by, Collection<String> users) {
        return presence.getAll(by, users.stream().map(Validation::userId).toList());
    }

    /** The users others see online, away or busy (connected and not invisible). */
    public Set<String> onlineUsers() {
        return presence.onlineUsers();
    }

    /**
     * The users {@code by} sees online, away or busy: for a user, only themselves and users they share a room
     * with (presence is for users who share a room); for trusted actors, everyone.
     */
    public Set<String> onlineUsers(Actor by) {
        return presence.onlineUsers(by);
    }

    /** The members of {@code room} others see online, away or busy. */
    public Set<String> onlineUsers(String room) {
        return presence.onlineIn(Validation.roomId(room).value());
    }

    /** The members of {@code room} others see online, for its members and trusted actors ({@code forbidden} else). */
    public Set<String> onlineUsers(Actor by, String room) {
        RoomId id = Validation.roomId(room);
        members.requireMember(by, id, "see who is online");
        return presence.onlineIn(id.value());
    }

    // Typing

    /** {@code user} starts typing in {@code room} (members only); ends by itself after the typing timeout. */
    public void startTyping(String room, String user) {
        typing.typing(Validation.roomId(room).value(), Validation.userId(user), true);
    }

    /** {@code user} stops typing in {@code room}. */
    public void stopTyping(String room, String user) {
        typing.typing(Validation.roomId(room).value(), Validation.userId(user), false);
    }

    /** The users typing in {@code room} now. */
    public Set<String> typingUsers(String room) {
        return typing.typingIn(Validation.roomId(room).value());
    }

    // Channels

    /** Defines a channel; {@code clientPublish} lets clients publish on it (the server always may). */
    public Channel createChannel(Actor by, String name, boolean clientPublish) {
        return channels.create(by, name, clientPublish);
    }

    /** Removes a channel; its subscriptions end. */
    public void deleteChannel(String name) {
        channels.delete(name);
    }

    /** Every channel. */
    public List<Channel> channels() {
        return channels.all();
    }

    /** Sends a live {@code message} frame from {@code system} to a channel's subscribers; returns its id. */
    public String publishToChannel(String channel, String event, String dataJson) {
        return publishToChannel(Actor.system(), channel, event, dataJson);
    }

    /**
     * Sends a live {@code message} frame from {@code by} to a channel's subscribers; returns its id. A user needs
     * a channel that lets clients publish; trusted actors publish on any channel.
     */
    public String publishToChannel(Actor by, String channel, String event, String dataJson) {
        return channels.publish(by, channel, dataJson, Optional.ofNullable(event));
    }

    /**
     * The connections open on every node of the cluster (of {@code user} only, if given), the oldest first, with
     * their user, transport, node, times, rooms, channels and what the client said about itself at connect; waits
     * for the other nodes' answers at most 3 seconds and names the nodes that did not answer. Trusted actors only.
     */
    public ConnectionList connections(Actor by, Optional<String> user) {
        return admin.connections(by, user);
    }

    /**
     * Closes connection {@code connectionId} wherever in the cluster it is open: a {@code system} frame with event
     * {@code kicked} and {@code reason}, then close code 4409. Trusted actors only.
     */
    public void closeConnection(Actor by, String connectionId, String reason) {
        admin.close(by, connectionId, reason);
    }

    /** The server's figures: connections, users online, rooms, channels, traffic, uptime. Trusted actors only. */
    public ServerStats stats(Actor by) {
        return admin.stats(by);
    }

    /**
     * Disconnects every connection of {@code user}, on every node: a {@code system} frame with event
     * {@code kicked} and {@code reason}, then close code 4409. The user may connect again.
     */
    public void disconnect(String user, String reason) {
        broker.publish(Envelope.disconnect(List.of(Validation.userId(user)),
                OutboundFrame.of("system", Frames.system("kicked", reason)), CloseCodes.KICKED));
    }

    /** How many connections are open on this node. */
    public int connectionCount() {
        return connections.count();
    }
}
