#!/usr/bin/env bash
# The share of a flight recording's CPU samples whose stack passes through code matching a pattern: how much of
# the recorded Java CPU that code accounts for, itself and what it calls.
#
#   src/bench/profile-share.sh target/bench/compare-huddle.jfr 'io\.huddle\.streaming\.hub\.(Meters|Traffic)\.|metrics'
#
# Prints the number of execution samples, the matching ones and their share. A recording from
# `mvn -Pbench verify -DskipTests -Dbench.profile=true ...` (docs/BENCHMARK.md). Needs the JDK's `jfr` tool.
set -euo pipefail
if [ $# -ne 2 ]; then
    echo "usage: $0 RECORDING.jfr PATTERN (an extended regular expression over stack frames)" >&2
    exit 2
fi
recording=$1
pattern=$2
if [ ! -f "$recording" ]; then
    echo "no such recording: $recording" >&2
    exit 2
fi
jfr print --events jdk.ExecutionSample --stack-depth 256 "$recording" | PATTERN="$pattern" awk '
    /^jdk\.ExecutionSample/ { if (inEvent) { total++; if (hit) matched++ } inEvent = 1; hit = 0; next }
    inEvent && $0 ~ ENVIRON["PATTERN"] { hit = 1 }
    END {
        if (inEvent) { total++; if (hit) matched++ }
        if (total == 0) { print "no execution samples in the recording"; exit 1 }
        printf "samples: %d, through %s: %d (%.2f%%)\n", total, ENVIRON["PATTERN"], matched, 100 * matched / total
    }'
