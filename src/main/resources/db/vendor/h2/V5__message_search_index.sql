-- H2 (the embedded development database) matches whole words of search_text with LIKE; it has no full-text
-- index that a query can combine with the room and seq conditions, so a search reads the room's messages.
-- This version exists so that the schema versions are the same on every database.
select 1;
