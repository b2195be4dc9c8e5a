-- One row per user who ever joined or created a room: locked (select ... for update) while the user's
-- memberships are counted and changed, so the rooms-per-user limit holds under concurrent joins to different rooms.
create table user_locks (
    user_id  varchar(64)  primary key
);
