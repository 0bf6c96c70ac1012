#!/usr/bin/env python3
"""XHSTT benchmark: our solver on BrazilInstance1 and 2 against the best published costs.

    bench/xhstt_bench.py                         # local, limits 1/10/60 s, seeds 1-3
    bench/xhstt_bench.py --methods local,hybrid --limits 1,10,60 --seeds 1,2,3
    bench/xhstt_bench.py --quick                 # local, limits 1 and 3 s, one seed
    bench/xhstt_bench.py --table bench/results/xhstt-latest.json

For each instance and each choice of the events' splits (`searched`: `schedule solve archive.xml`,
which searches the splits with the timetable; `own`: the importer's cheapest split, fixed;
`best`: `--xhstt-splits best`, those of the best solution embedded in the archive, as the
optimum needs splits that cost something): `schedule import`, then per
method, time limit and seed `schedule solve --method M --time-limit L --seed S`, and the
timetable's cost as XHSTT defines it from `schedule verify --xhstt` (our evaluator, which
gives the published costs of the solutions embedded in the archives). The table shows the
median infeasibility and objective over the seeds (min-max in brackets) next to the best
published objective, and, for the longest limit, the constraints that make up the rest of
the objective. Runs go one after another; the machine may be shared, so times are wall
times of a loaded machine. Results are saved in bench/results/ (git-ignored).
"""

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(os.path.dirname(ROOT), "shared", "data", "xhstt")
RESULTS = os.path.join(HERE, "results")

# Instance file -> the best published cost (infeasibility, objective), from ../shared/README.md.
INSTANCES = {
    "BrazilInstance1.xml": (0, 41),
    "BrazilInstance2.xml": (0, 5),
}


def run(cmd, timeout):
    t0 = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=timeout)
    return p, time.monotonic() - t0


def measure(args):
    rows = []
    with tempfile.TemporaryDirectory(prefix="xhstt-bench-") as tmp:
        for inst, best in INSTANCES.items():
            path = os.path.join(args.data, inst)
            if not os.path.exists(path):
                print(f"skipped: {path} is absent", file=sys.stderr)
                continue
            for splits in args.splits:
                if splits == "searched":
                    rows.extend(measure_searched(args, tmp, inst, path, best))
                    continue
                school = os.path.join(tmp, inst.replace(".xml", f"-{splits}.yaml"))
                extra = ["--xhstt-splits", "best"] if splits == "best" else []
                p, _ = run([args.schedule, "import", path, "-o", school] + extra, 60)
                if p.returncode != 0:
                    sys.exit(f"import {path} failed:\n{p.stderr}")
                rows.extend(measure_school(args, tmp, inst, path, school, splits, best))
    return rows


def measure_searched(args, tmp, inst, path, best):
    """`schedule solve archive.xml`: splits and timetable searched together, an XHSTT solution out."""
    rows = []
    for method in args.methods:
        for limit in args.limits:
            for seed in args.seeds:
                sol = os.path.join(tmp, f"sol-{method}-{limit}-{seed}.xml")
                p, wall = run([args.schedule, "solve", path, "--method", method, "--time-limit", str(limit),
                               "--seed", str(seed), "-o", sol, "--quiet"], limit * 3 + 60)
                row = {"instance": inst, "splits": "searched", "method": method, "limit": limit, "seed": seed,
                       "wall": round(wall, 2), "solve_exit": p.returncode, "best_published": list(best)}
                v, _ = run([args.schedule, "verify", "--xhstt", sol, "--json"], 120) if os.path.exists(sol) else (None, 0)
                try:
                    x = json.loads(v.stdout)[0]
                except (AttributeError, ValueError, IndexError):
                    row["error"] = (p.stderr or "no solution").strip().splitlines()[-1:]
                    rows.append(row)
                    print(json.dumps(row), file=sys.stderr)
                    continue
                row.update({"infeasibility": x["infeasibility"], "objective": x["objective"],
                            "by_constraint": {c["id"]: c["cost"] for c in x["constraints"] if c["cost"]}})
                rows.append(row)
                print(f"{inst} splits searched {method} {limit}s seed {seed}: infeasibility {x['infeasibility']}, "
                      f"objective {x['objective']} ({wall:.1f} s wall)", file=sys.stderr)
    return rows


def measure_school(args, tmp, inst, path, school, splits, best):
    rows = []
    if True:
        if True:
            for method in args.methods:
                for limit in args.limits:
                    for seed in args.seeds:
                        tt = os.path.join(tmp, f"tt-{method}-{limit}-{seed}.yaml")
                        p, wall = run([args.schedule, "solve", school, "--method", method, "--time-limit",
                                       str(limit), "--seed", str(seed), "-o", tt, "--quiet"], limit * 3 + 60)
                        row = {"instance": inst, "splits": splits, "method": method, "limit": limit, "seed": seed,
                               "wall": round(wall, 2), "solve_exit": p.returncode,
                               "best_published": list(best)}
                        if not os.path.exists(tt):
                            row["error"] = (p.stderr or "no timetable").strip().splitlines()[-1:]
                            rows.append(row)
                            print(json.dumps(row), file=sys.stderr)
                            continue
                        v, _ = run([args.schedule, "verify", school, tt, "--xhstt", path, "--json"], 120)
                        try:
                            d = json.loads(v.stdout)
                        except ValueError:
                            row["error"] = ["verify: " + (v.stderr.strip() or "no JSON")]
                            rows.append(row)
                            continue
                        x = d["xhstt"][0]
                        row.update({"hard": d["verify"]["hard"], "soft": d["verify"]["soft"],
                                    "infeasibility": x["infeasibility"], "objective": x["objective"],
                                    "by_constraint": {c["id"]: c["cost"] for c in x["constraints"] if c["cost"]}})
                        rows.append(row)
                        print(f"{inst} splits {splits} {method} {limit}s seed {seed}: infeasibility {x['infeasibility']}, "
                              f"objective {x['objective']} ({wall:.1f} s wall)", file=sys.stderr)
    return rows


def span(values):
    if not values:
        return "-"
    med = statistics.median(values)
    med = int(med) if med == int(med) else med
    return f"{med}" if min(values) == max(values) else f"{med} ({min(values)}-{max(values)})"


def table(rows, out=sys.stdout):
    out.write("| instance | splits | method | limit | infeasibility | objective | best published | gap |\n")
    out.write("|---|---|---|---:|---:|---:|---:|---:|\n")
    keys = []
    for r in rows:
        k = (r["instance"], r["splits"], r["method"], r["limit"])
        if k not in keys:
            keys.append(k)
    for k in keys:
        rs = [r for r in rows if (r["instance"], r["splits"], r["method"], r["limit"]) == k]
        ok = [r for r in rs if "objective" in r]
        inf = [r["infeasibility"] for r in ok]
        obj = [r["objective"] for r in ok]
        best = rs[0]["best_published"]
        gap = statistics.median(obj) - best[1] if obj else None
        failed = len(rs) - len(ok)
        out.write(f"| {k[0].replace('.xml', '')} | {k[1]} | {k[2]} | {k[3]} s | {span(inf)} | {span(obj)} | "
                  f"{best[0]} / {best[1]} | {'-' if gap is None else gap}"
                  f"{f' ({failed} runs failed)' if failed else ''} |\n")
    # What the rest of the objective is made of, at the longest limit.
    out.write("\nObjective by constraint at the longest limit (median over the seeds):\n\n")
    longest = max((r["limit"] for r in rows), default=0)
    for inst in dict.fromkeys(r["instance"] for r in rows):
        for splits in dict.fromkeys(r["splits"] for r in rows):
            for method in dict.fromkeys(r["method"] for r in rows):
                rs = [r for r in rows if r["instance"] == inst and r["splits"] == splits and r["method"] == method
                      and r["limit"] == longest and "by_constraint" in r]
                if not rs:
                    continue
                ids = sorted({c for r in rs for c in r["by_constraint"]})
                parts = [f"{c} {statistics.median([r['by_constraint'].get(c, 0) for r in rs]):g}" for c in ids]
                out.write(f"- {inst.replace('.xml', '')}, splits {splits}, {method}, {longest} s: "
                          f"{', '.join(parts) or 'nothing'}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--schedule", default=os.path.join(ROOT, "build", "schedule"), help="the schedule binary")
    ap.add_argument("--data", default=DATA, help="the folder of the XHSTT archives")
    ap.add_argument("--methods", default="local", help="comma-separated methods of `schedule solve`")
    ap.add_argument("--limits", default="1,10,60", help="time limits in seconds")
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--splits", default="searched,own,best",
                    help="searched (solve the archive: splits searched), own (the importer's, fixed) and/or best "
                         "(the best embedded solution's)")
    ap.add_argument("--quick", action="store_true", help="local, limits 1 and 3, seed 1")
    ap.add_argument("--table", help="print the table of saved results and stop")
    args = ap.parse_args()
    if args.table:
        with open(args.table) as f:
            table(json.load(f)["rows"])
        return
    if args.quick:
        args.methods, args.limits, args.seeds = "local", "1,3", "1"
    args.methods = args.methods.split(",")
    args.splits = args.splits.split(",")
    args.limits = [float(x) if "." in x else int(x) for x in args.limits.split(",")]
    args.seeds = [int(x) for x in args.seeds.split(",")]
    if not os.access(args.schedule, os.X_OK):
        sys.exit(f"no schedule binary at {args.schedule}: build it, or give --schedule")
    rows = measure(args)
    os.makedirs(RESULTS, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y-%m-%dT%H%M%S")
    doc = {"when": stamp, "cpus": os.cpu_count(), "load": os.getloadavg(), "rows": rows}
    for name in (f"xhstt-{stamp}.json", "xhstt-latest.json"):
        with open(os.path.join(RESULTS, name), "w") as f:
            json.dump(doc, f, indent=1)
    table(rows)
    print(f"\n(load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
