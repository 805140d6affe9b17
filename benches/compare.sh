#!/usr/bin/env bash
# jinzai side by side with what users would use instead (not part of CI):
#   search: fzf --filter over the same people exported as text, same queries;
#   plan:   scipy.optimize.linear_sum_assignment on the dense matrix of the problem
#           `jinzai plan --dump-problem` hands jinzai's solver; objectives must agree.
#
#   bash benches/compare.sh                 # 100k staff for search; demo, 1k×200 and 10k×2k for plan
#   bash benches/compare.sh search 10000    # one part, one size
#   bash benches/compare.sh plan 10000
#
# SEARCH_BENCH_OUT=FILE: a saved `cargo bench --bench search` output to quote instead
# of running the search bench again.
# Installs fzf (apt-get) and scipy/numpy (pip --user) when they are missing.
# Databases: target/bench-dbs/N (as the startup bench makes them) and target/bench-dbs/demo.
# Exit status 1 when an objective differs.
set -euo pipefail
cd "$(dirname "$0")/.."

part="${1:-all}"
size="${2:-}"

need_fzf() {
    command -v fzf >/dev/null && return
    echo "installing fzf" >&2
    if [ "$(id -u)" = 0 ]; then apt-get install -y fzf >/dev/null; else sudo apt-get install -y fzf >/dev/null; fi
}
need_scipy() {
    python3 -c 'import scipy, numpy' 2>/dev/null && return
    echo "installing scipy and numpy" >&2
    python3 -m pip install --user --quiet scipy numpy || python3 -m pip install --user --quiet --break-system-packages scipy numpy
}

cargo build --release --quiet
bin="$PWD/target/release/jinzai"
dbs="${JINZAI_BENCH_DBS:-$PWD/target/bench-dbs}"
export JINZAI_TODAY=2026-11-26

db_for() { # N -> a database of N staff and N/5 posts (seed 1), made once
    local n="$1" dir="$dbs/$1"
    if [ ! -d "$dir/store" ]; then
        mkdir -p "$dir"
        if [ "$n" = demo ]; then
            "$bin" demo --db "$dir" >/dev/null
        else
            "$bin" demo --staff "$n" --posts $((n / 5)) --seed 1 --db "$dir" >/dev/null
        fi
    fi
    echo "$dir"
}

status=0
if [ "$part" = all ] || [ "$part" = search ]; then
    need_fzf
    n="${size:-100000}"
    db="$(db_for "$n")"
    # The search bench's output for the keystroke column: $SEARCH_BENCH_OUT (a saved
    # `cargo bench --bench search` run), else run it now at this size.
    out="${SEARCH_BENCH_OUT:-}"
    if [ -z "$out" ]; then
        out="$(mktemp)"
        echo "== search bench (in-process keystroke latency) at $n staff" >&2
        cargo bench --quiet --bench search -- "$n" | tee "$out" >&2
    fi
    echo
    echo "== search: fzf --filter vs jinzai search, $n staff"
    python3 benches/compare.py search "$bin" "$db" "$out"
    [ -n "${SEARCH_BENCH_OUT:-}" ] || rm -f "$out"
fi
if [ "$part" = all ] || [ "$part" = plan ]; then
    need_scipy
    for n in ${size:-demo 1000 10000}; do
        db="$(db_for "$n")"
        echo
        echo "== plan: scipy linear_sum_assignment vs jinzai, $n"
        python3 benches/compare.py plan "$bin" "$db" || status=1
    done
fi
exit "$status"
