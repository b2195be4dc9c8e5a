-- Slow mode (the least interval between two messages of one member, 0 = off) and lock (only moderators and above
-- publish) per room; each member's last message time, which slow mode claims atomically.
alter table rooms add column slow_mode_ms integer not null default 0;
alter table rooms add column locked boolean not null default false;
alter table room_members add column last_posted_at timestamp(6) with time zone;
