-- Read markers: the seq up to which a member has read the room. Members from before start with nothing unread.
alter table room_members add column read_seq bigint not null default 0;
update room_members set read_seq = (select r.last_seq from rooms r where r.id = room_members.room_id);

-- Mentions of a user in a room's messages, by seq: counted apart from the other unread messages.
create table room_mentions (
    user_id     varchar(64) not null,
    room_id     varchar(64) not null references rooms (id) on delete cascade,
    seq         bigint      not null,
    primary key (user_id, room_id, seq)
);
create index room_mentions_room_idx on room_mentions (room_id, seq);
