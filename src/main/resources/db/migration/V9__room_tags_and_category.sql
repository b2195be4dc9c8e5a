-- Room discovery: a category, and tags kept as one line with a space around each (" news sports "), so that a tag
-- is matched whole with like.
alter table rooms add column category varchar(64);
alter table rooms add column tags varchar(400);
create index rooms_category_idx on rooms (category);
