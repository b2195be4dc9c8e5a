-- Channels: live publish/subscribe topics. Only their definitions are stored; messages never are.
create table channels (
    name            varchar(64)  primary key,
    client_publish  boolean      not null default true,
    created_by      varchar(64)  not null,
    created_at      timestamp(6) with time zone not null
);
