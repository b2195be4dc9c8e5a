-- Direct conversations: a private room of exactly two users, kept in id order (dm_first < dm_second); its id is
-- derived from the pair, so the same two users always have the same room.
alter table rooms add column dm_first varchar(64);
alter table rooms add column dm_second varchar(64);
create index rooms_dm_first_idx on rooms (dm_first);
create index rooms_dm_second_idx on rooms (dm_second);

-- A user refusing direct messages from another.
create table user_blocks (
    user_id     varchar(64) not null,
    blocked_id  varchar(64) not null,
    created_at  timestamp(6) with time zone not null,
    primary key (user_id, blocked_id)
);
create index user_blocks_blocked_idx on user_blocks (blocked_id, user_id);
