#!/usr/bin/env python3
"""jinzai side by side with its peers (benches/compare.sh runs this; not part of CI).

    compare.py search JINZAI DB [SEARCH_BENCH_OUTPUT]
        fzf --filter over the same people (one line each: id, name, kana and the
        kana's romaji) against `jinzai search`, for the queries of the search bench:
        time per query and how many of fzf's first 10 are among jinzai's first 10.
    compare.py plan JINZAI DB
        scipy.optimize.linear_sum_assignment on the dense matrix of the problem
        `jinzai plan --dump-problem` hands its solver, against jinzai's solve time
        and objective.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

QUERIES = [
    "tanaka misaki",
    "satou",
    "たなか",
    "タカハシ",
    "田中",
    "佐藤 健",
    "E0412",
    "E99",
]
# The search bench's filter queries: fzf has nothing like them.
FILTERS = ["grade:係長 due", "skill:security>=3 candidate ta", "unit:特許 grade:係員"]
RUNS = 5  # plan: medians of this many runs
ENV = dict(os.environ, JINZAI_TODAY="2026-11-26")


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, env=ENV, **kw)


def timed(cmd, n, **kw):
    """Median wall time in ms of n runs, and the last run's stdout."""
    times, out = [], b""
    for _ in range(n):
        t = time.perf_counter()
        out = run(cmd, **kw).stdout
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), out


# --- search -----------------------------------------------------------------------

# Katakana (and the hiragana folded into it) to Hepburn romaji, as a user types it:
# enough for the names of the demo data.
BASE = {
    "ア": "a", "イ": "i", "ウ": "u", "エ": "e", "オ": "o",
    "カ": "ka", "キ": "ki", "ク": "ku", "ケ": "ke", "コ": "ko",
    "ガ": "ga", "ギ": "gi", "グ": "gu", "ゲ": "ge", "ゴ": "go",
    "サ": "sa", "シ": "shi", "ス": "su", "セ": "se", "ソ": "so",
    "ザ": "za", "ジ": "ji", "ズ": "zu", "ゼ": "ze", "ゾ": "zo",
    "タ": "ta", "チ": "chi", "ツ": "tsu", "テ": "te", "ト": "to",
    "ダ": "da", "ヂ": "ji", "ヅ": "zu", "デ": "de", "ド": "do",
    "ナ": "na", "ニ": "ni", "ヌ": "nu", "ネ": "ne", "ノ": "no",
    "ハ": "ha", "ヒ": "hi", "フ": "fu", "ヘ": "he", "ホ": "ho",
    "バ": "ba", "ビ": "bi", "ブ": "bu", "ベ": "be", "ボ": "bo",
    "パ": "pa", "ピ": "pi", "プ": "pu", "ペ": "pe", "ポ": "po",
    "マ": "ma", "ミ": "mi", "ム": "mu", "メ": "me", "モ": "mo",
    "ヤ": "ya", "ユ": "yu", "ヨ": "yo",
    "ラ": "ra", "リ": "ri", "ル": "ru", "レ": "re", "ロ": "ro",
    "ワ": "wa", "ヲ": "o", "ン": "n", "ヴ": "vu",
}
SMALL = {"ャ": "a", "ュ": "u", "ョ": "o"}


def romaji(kana):
    kana = "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in kana)
    out, i = [], 0
    while i < len(kana):
        c = kana[i]
        nxt = kana[i + 1] if i + 1 < len(kana) else ""
        if c == "ッ" and nxt in BASE:
            out.append(BASE[nxt][0])
        elif c == "ー" and out:
            out.append(out[-1][-1])
        elif c in BASE and nxt in SMALL:
            b = BASE[c]
            stem = b[:-1] if b.endswith("i") and b[:-1] in ("sh", "ch", "j") else b[:-1] + "y"
            out.append(stem + SMALL[nxt])
            i += 1
        elif c in BASE:
            out.append(BASE[c])
        else:
            out.append(c)
        i += 1
    return "".join(out)


def search_bench_p50(path, n):
    """Per-query p50 and max keystroke latency (ms) at n staff, from a saved
    `cargo bench --bench search` output."""
    found, block = {}, {}
    if not path or not os.path.exists(path):
        return found
    for line in open(path, encoding="utf-8"):
        if "staff: index build" in line:
            block = {}
            if line.startswith(f"{n} staff:"):
                found = block
            continue
        parts = line.rstrip("\n").rsplit(None, 4)
        if len(parts) == 5 and parts[0].strip() in QUERIES + FILTERS:
            block[parts[0].strip()] = (float(parts[1]), float(parts[3]))
    return found


def search(jinzai, db, bench_out=None):
    everyone = json.loads(run([jinzai, "export", "--format", "json", "--db", db]).stdout)["staff"]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        for p in everyone:
            f.write(f"{p['id']} {p['name']} {p['kana']} {romaji(p['kana'])}\n")
        names = f.name
    keystroke = search_bench_p50(bench_out, len(everyone))
    print(f"search over {len(everyone):,} people ({names}: id, name, kana, romaji per line)")
    print(
        f"{'query':<32} {'fzf ms':>7} {'jinzai ms':>10} {'keystroke p50/max':>18}"
        f" {'fzf hits':>9} {'jinzai hits':>12} {'top-10 overlap':>15} {'fzf hits jinzai finds':>22}"
    )
    rows = []
    for q in QUERIES + FILTERS:
        j_ms, j_out = timed([jinzai, "search", "--json", "--limit", "0", "--db", db, q], 3)
        hits = json.loads(j_out)
        jin = [p["id"] for p in hits]
        # jinzai's first 10, ties at the 10th score included: with thousands of equal
        # scores (everyone named 田中), any ten of them are an equally right top 10.
        tenth = hits[min(9, len(hits) - 1)]["score"] if hits else 0
        jin_top = {p["id"] for p in hits if p["score"] >= tenth}
        if q in FILTERS:
            f_ms, fz = None, None
        else:
            times = []
            for _ in range(5):
                with open(names, "rb") as inp:
                    t = time.perf_counter()
                    p = subprocess.run(["fzf", "--filter", q], stdin=inp, capture_output=True)
                    times.append((time.perf_counter() - t) * 1000)
            f_ms = statistics.median(times)
            fz = [l.split(" ", 1)[0] for l in p.stdout.decode("utf-8").splitlines()]
        ks = keystroke.get(q)
        ks_s = f"{ks[0]:.2f} / {ks[1]:.2f}" if ks else "—"
        if fz is None:
            overlap, fz_n, f_s, covered = "—", "—", "—", "—"
        else:
            k = min(10, len(fz), len(jin))
            overlap = f"{len(jin_top & set(fz[:10]))}/{k}" if k else "0/0"
            found = set(jin)
            covered = f"{sum(1 for i in fz if i in found) * 100 // len(fz)}%" if fz else "—"
            fz_n, f_s = f"{len(fz):,}", f"{f_ms:.0f}"
        print(
            f"{q:<32} {f_s:>7} {j_ms:>10.0f} {ks_s:>18} {fz_n:>9} {len(jin):>12,} {overlap:>15}"
            f" {covered:>22}"
        )
        rows.append((q, f_ms, j_ms, ks, fz_n, len(jin), overlap))
    print(
        "fzf ms: `fzf --filter QUERY < names` end to end (reads the whole list each time);"
        " jinzai ms: `jinzai search --json --limit 0 QUERY` end to end (opens the database,"
        " reads the records, builds the index, prints every hit);"
        " keystroke: the search bench's in-process latency per key press for that query;"
        " top-10 overlap: how many of fzf's first 10 are in jinzai's first 10 (ties at"
        " jinzai's 10th score count as first 10)."
    )
    os.unlink(names)
    return rows


# --- plan -------------------------------------------------------------------------


def plan(jinzai, db):
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    with tempfile.TemporaryDirectory() as tmp:
        dump = os.path.join(tmp, "problem.json")
        out = run([jinzai, "plan", "--json", "--dump-problem", dump, "--db", db]).stdout
        prob = json.load(open(dump))
        # jinzai's own timing, median of RUNS runs (the first run also warms the cache).
        runs = [json.loads(run([jinzai, "plan", "--json", "--db", db]).stdout) for _ in range(RUNS)]
        res = sorted(runs, key=lambda r: r["timing"]["solve_ms"])[RUNS // 2]
        assert all(r["objective"] == prob["objective"] for r in runs)
    n, m = len(prob["staff"]), len(prob["posts"])
    edges = [e for e in prob["edges"] if e[2] > 0]
    print(f"plan: {n:,} people × {m:,} seats, {len(prob['edges']):,} edges ({len(edges):,} positive)")
    t = time.perf_counter()
    # Cost = −score on the positive edges; 0 elsewhere. Every seat gets a row (or,
    # with more seats than people, every person a seat), so a pair of cost 0 in the
    # answer is someone left unmatched: the minimum is minus the maximum-weight
    # matching in which anyone may stay unmatched (the same as adding zero-weight
    # dummy rows and columns, without the memory), and pairs that are no edge can
    # never add anything.
    cost = np.zeros((n, m), dtype=np.float64)
    for s, p, w in edges:
        cost[s, p] = min(cost[s, p], -w)
    build_ms = (time.perf_counter() - t) * 1000
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        rows, cols = linear_sum_assignment(cost)
        times.append((time.perf_counter() - t) * 1000)
    solve_ms = statistics.median(times)
    first_ms = times[0]  # cold, as jinzai's is: one solve per process
    objective = int(round(-cost[rows, cols].sum()))
    matched = int((cost[rows, cols] < 0).sum())
    timing = res.get("timing", {})
    print(f"  jinzai: solve {timing.get('solve_ms', 0):.2f} ms median of {RUNS} runs of `jinzai plan`, one solve each"
          f" (whole plan {res['timing_ms']:.1f} ms, scoring included),"
          f" objective {prob['objective']:,} ({len(prob['matching']):,} pairs)")
    print(f"  scipy:  solve {solve_ms:.2f} ms median of {RUNS} in one process, first call {first_ms:.2f} ms"
          f" (+ {build_ms:.0f} ms building the {n:,}×{m:,} matrix),"
          f" objective {objective:,} ({matched:,} pairs)")
    same = objective == prob["objective"]
    print(f"  objectives {'identical' if same else 'DIFFER'}")
    return timing.get("solve_ms"), solve_ms, prob["objective"], objective


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "search":
        search(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else None)
    elif what == "plan":
        ok = plan(sys.argv[2], sys.argv[3])
        sys.exit(0 if ok[2] == ok[3] else 1)
    else:
        sys.exit(__doc__)
