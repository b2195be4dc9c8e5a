#!/usr/bin/env bash
# History search on PostgreSQL: one room of N messages (default 1,000,000), searched the way
# GET /api/v1/rooms/{room}/messages?query=... searches it (the statement MessageSearch issues), for a common, a
# middling and a rare word and two words together. Creates its own database (huddle_search_bench, dropped first),
# applies Huddle's migrations in version order, loads the room with generate_series, and prints the server-side
# execution time of each search (EXPLAIN ANALYZE, best and median of the repetitions).
# Usage: src/bench/search-benchmark.sh [messages] [repetitions]; PGHOST/PGPORT/PGUSER as for psql
# (default 127.0.0.1, 5432, postgres).
set -euo pipefail
cd "$(dirname "$0")/../.."
MESSAGES=${1:-1000000}
REPS=${2:-15}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
DB=huddle_search_bench
psql -q -d postgres -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
for f in $( (ls src/main/resources/db/migration/V*.sql; ls src/main/resources/db/vendor/postgresql/V*.sql) \
        | awk -F/ '{ split($NF, v, "__"); sub("V", "", v[1]); print v[1] " " $0 }' | sort -n | cut -d' ' -f2); do
    psql -q -d "$DB" -v ON_ERROR_STOP=1 -f "$f"
done
echo "== loading $MESSAGES messages into one room"
start=$(date +%s)
psql -q -d "$DB" -v ON_ERROR_STOP=1 <<SQL
insert into rooms (id, name, is_private, owner_id, last_seq, created_at, updated_at)
    values ('bench', 'Bench', false, 'owner', $MESSAGES, now(), now());
-- 5,000 words; word k is drawn with a probability falling off steeply with k (k = 5000 * u^3), 8 per message.
create temporary table vocabulary as select k, 'w' || k as word from generate_series(0, 4999) k;
insert into messages (id, room_id, seq, user_id, data, created_at, search_text)
select md5(g::text)::uuid::text, 'bench', g, 'user' || (g % 100),
       json_build_object('text', words)::text, now(), ' ' || words || ' '
from (
    select g, (select string_agg('w' || floor(5000 * power(random(), 3))::int, ' ')
               from generate_series(1, 8) where g > 0) as words
    from generate_series(1, $MESSAGES) g
) m;
analyze messages;
SQL
echo "   loaded in $(( $(date +%s) - start )) s"
search() {
    local words=$1
    local times=()
    for _ in $(seq 1 "$REPS"); do
        t=$(psql -qAt -d "$DB" -c "explain (analyze, format json) select m.* from messages m where m.room_id = 'bench'
              and m.deleted_at is null and m.search_vector @@ plainto_tsquery('simple', '$words')
              order by m.seq desc limit 51" | grep -o '"Execution Time": [0-9.]*' | awk '{print $3}')
        times+=("$t")
    done
    matches=$(psql -qAt -d "$DB" -c "select count(*) from messages where room_id = 'bench' and search_vector @@ plainto_tsquery('simple', '$words')")
    printf '%-14s %9s matches   best %8.2f ms   median %8.2f ms\n' "'$words'" "$matches" \
        "$(printf '%s\n' "${times[@]}" | sort -n | head -1)" "$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
}
echo "== searches (newest 50 matches + 1, as a history page asks)"
search w0
search w400
search w4900
search "w0 w400"
search "nosuchword"
