-- Pinned messages: at most one pin per message; a pin goes with its message (deleted, trimmed or expired) and
-- with its room.
create table room_pins (
    message_id  varchar(36) primary key references messages (id) on delete cascade,
    room_id     varchar(64) not null references rooms (id) on delete cascade,
    pinned_by   varchar(64) not null,
    pinned_at   timestamp(6) with time zone not null
);
create index room_pins_room_idx on room_pins (room_id, pinned_at);

-- A member's messages in a room, newest first (the history query by author).
create index messages_author_idx on messages (room_id, user_id, seq);
