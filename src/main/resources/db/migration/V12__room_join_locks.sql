-- One row per room that took a join while it had a member limit: locked (select ... for update) while its members
-- are counted and one is added, so the limit holds while concurrent joins hold the room's row in share mode only.
create table room_join_locks (
    room_id  varchar(64)  primary key references rooms (id) on delete cascade
);
