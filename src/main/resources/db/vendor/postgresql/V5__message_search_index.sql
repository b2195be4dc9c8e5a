-- PostgreSQL: full-text search over the words of search_text, with a GIN index. The 'simple' configuration
-- lowercases and splits into words, as SearchText does, without stemming or stop words, so every database
-- matches the same messages.
alter table messages add column search_vector tsvector
    generated always as (to_tsvector('simple', coalesce(search_text, ''))) stored;
create index messages_search_idx on messages using gin (search_vector);
