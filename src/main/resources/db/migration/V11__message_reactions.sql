-- Reactions: one row per user, message and reaction (an emoji or a short name); they go with their message.
create table message_reactions (
    message_id  varchar(36) not null references messages (id) on delete cascade,
    user_id     varchar(64) not null,
    reaction    varchar(64) not null,
    room_id     varchar(64) not null,
    created_at  timestamp(6) with time zone not null,
    primary key (message_id, reaction, user_id)
);
