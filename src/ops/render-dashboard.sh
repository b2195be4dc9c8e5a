#!/usr/bin/env bash
# Scrapes a running Huddle server's /metrics every 2 seconds for a while and renders the main panels of the Grafana
# dashboard (docs/grafana/huddle-dashboard.json) with gnuplot, computing the dashboard's queries (rates, means) from
# consecutive scrapes, for a picture of a real run where no Grafana is at hand.
#   src/ops/render-dashboard.sh http://127.0.0.1:29080 120 target/dashboard
# Needs curl, awk and gnuplot (Debian: apt-get install gnuplot-nox). Writes scrapes.tsv (raw), panels.tsv (the
# panels' values) and dashboard.png into the folder; HUDDLE_RENDER_ONLY=true renders what the folder holds again.
set -euo pipefail
base="${1:?base URL of the server, e.g. http://127.0.0.1:9080}"
seconds="${2:-120}"
out="${3:-target/dashboard}"
mkdir -p "$out"
tsv="$out/scrapes.tsv"
# One line per scrape: time, then each series the panels use (summed over labels where there are several).
names="huddle_connections huddle_messages_stored_total huddle_frames_delivered_total huddle_history_write_seconds_sum huddle_history_write_seconds_count huddle_fanout_seconds_sum huddle_fanout_seconds_count huddle_errors_total huddle_connections_closed_total huddle_sendqueue_frames huddle_users_connected"
end=$(( $(date +%s) + seconds ))
if [ "${HUDDLE_RENDER_ONLY:-}" = "true" ]; then
    end=0 # HUDDLE_RENDER_ONLY=true renders the scrapes already in the folder again
else
    echo "time $names" | tr ' ' '\t' > "$tsv"
fi
while [ "$(date +%s)" -lt "$end" ]; do
    now=$(date +%s.%N)
    if scrape=$(curl -sf -H 'Accept: text/plain' "$base/metrics"); then
        printf '%s' "$now" >> "$tsv"
        for name in $names; do
            value=$(printf '%s\n' "$scrape" | awk -v n="$name" '$1 == n || index($1, n "{") == 1 { s += $NF } END { printf "%.9g", s + 0 }')
            printf '\t%s' "$value" >> "$tsv"
        done
        printf '\n' >> "$tsv"
    fi
    sleep 2
done
rows=$(( $(wc -l < "$tsv") - 1 ))
[ "$rows" -ge 3 ] || { echo "only $rows scrapes of $base/metrics: is the server running?" >&2; exit 1; }
# The dashboard's queries over consecutive scrapes: rates of counters, means of timers (sum and count differences).
derived="$out/panels.tsv"
awk -F'\t' 'NR == 2 { t0 = $1 } NR > 2 {
    dt = $1 - pt
    hist = ($6 - p6) > 0 ? 1000 * ($5 - p5) / ($6 - p6) : "NaN"
    fan = ($8 - p8) > 0 ? 1000 * ($7 - p7) / ($8 - p8) : "NaN"
    printf "%.1f\t%s\t%s\t%.1f\t%.1f\t%s\t%s\t%s\t%.2f\t%.2f\n", $1 - t0, $2, $12, ($3 - p3) / dt, ($4 - p4) / dt,
        hist, fan, $11, ($9 - p9) / dt, ($10 - p10) / dt
} NR > 1 { pt = $1; p3 = $3; p4 = $4; p5 = $5; p6 = $6; p7 = $7; p8 = $8; p9 = $9; p10 = $10 }' "$tsv" > "$derived"
gnuplot <<GNUPLOT
set terminal pngcairo size 1400,900 font "DejaVu Sans,10" noenhanced
set output "$out/dashboard.png"
set datafile separator "\t"
set datafile missing "NaN"
set key top left
set xlabel "seconds"
set grid
set multiplot layout 2,2 title "Huddle: the dashboard's main panels, from $base/metrics scraped every 2 s ($rows scrapes)"
set title "Connections and users (huddle_connections, huddle_users_connected)"
plot "$derived" using 1:2 with lines lw 2 title "connections", "" using 1:3 with lines lw 2 title "users connected"
set title "Per second: rate(huddle_messages_stored_total), rate(huddle_frames_delivered_total) (right axis)"
set y2tics
plot "$derived" using 1:4 with lines lw 2 title "messages stored / s", "" using 1:5 with lines lw 2 title "frames delivered / s" axes x1y2
unset y2tics
set title "Mean time (ms): history write (one transaction), fan-out (one room frame)"
plot "$derived" using 1:6 with linespoints lw 2 title "history write", "" using 1:7 with linespoints lw 2 title "fan-out"
set title "Send queues (huddle_sendqueue_frames); errors and closes per second"
plot "$derived" using 1:8 with lines lw 2 title "frames waiting", "" using 1:9 with lines lw 2 title "error replies / s", \
     "" using 1:10 with lines lw 2 title "connections closed / s"
unset multiplot
GNUPLOT
echo "rendered $out/dashboard.png from $rows scrapes ($tsv, $derived)"
