-- The words of a message's string values (see SearchText), which history search matches instead of the raw
-- JSON: " hello world ", lowercased, space-framed. Messages stored before this version are not searchable
-- until edited.
alter table messages add column search_text varchar;
