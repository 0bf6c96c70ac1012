#!/usr/bin/env python3
"""The benchmark harness: every method on every school size, one Markdown table.

    bench/run.py                       # greedy and local on S, M, L, XL, 5 seeds each
    bench/run.py --quick               # 1 seed, short time limits
    bench/run.py --sizes S,M --methods greedy --seeds 3
    bench/run.py --fet                 # also fet-cl on the same schools, and the ratio
    bench/run.py --fet-only            # only fet-cl (calibration; no schedule binary needed)
    bench/run.py --table bench/results/latest.json   # the tables again from saved results

Schools come from bench/gen_school.py (size, seed). For each school and seed:
- time to the first hard-feasible timetable of the whole process (load + solve + write) is
  the wall time of `schedule solve --method greedy`;
- soft cost at each time limit (default 1, 10, 60 s) of an anytime method (local, ...): one
  run of the longest limit when `schedule solve` can print a progress trace, else one run
  per limit;
- teacher gaps per teacher per week, from the verifier's teacher_gap amount;
- peak memory: ru_maxrss of the child (os.wait4);
- every produced timetable goes through `schedule verify --json`; any hard violation is
  flagged in the table and on stderr, and the exit status is 1.
Medians over the seeds are shown; hard violations are the maximum over all runs. Results are
saved as JSON in bench/results/ (git-ignored), from which --table prints the tables again.
Runs go one after another (the machine's cores are shared); nothing runs in parallel.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import gen_school  # noqa: E402
import fet_result  # noqa: E402

# Methods the harness knows. `anytime` methods improve until their time limit and are
# sampled at each limit; the others stop on their own (greedy: the first feasible
# timetable). Adding a method of `schedule solve --method` is one line here.
METHODS = {
    "greedy": {"anytime": False},
    "local": {"anytime": True},
    "hybrid": {"anytime": True},
    "mip": {"anytime": True},
}
DEFAULT_METHODS = ("greedy", "local")
SIZES = ("S", "M", "L", "XL")
DEFAULT_LIMITS = (1, 10, 60)
QUICK_LIMITS = (1, 3)
GREEDY_TIME_LIMIT = 120   # seconds; greedy stops on its own long before
FET_TIME_LIMIT = 600
# The hard terms of docs/rules.md, as the verifier's JSON names them.
HARD_TERMS = ("missing", "outside_shift", "teacher_unavailable", "forbidden_period",
              "teacher_clash", "class_clash", "room_clash", "room_missing", "pupil_gap",
              "class_day_limit", "teacher_day_limit", "subject_twice", "pinned_moved")
# Flags of `schedule solve` that make it print its progress trace, tried in this order.
TRACE_FLAGS = ("--trace", "--progress-json")


# --- Running children ----------------------------------------------------------------------


SPAWN = None  # the compiled bench/spawn.c, when a C compiler is there


def build_spawn(workdir):
    """Compiles bench/spawn.c (peak memory of a child without the harness's own); returns
    its path, or None (then ru_maxrss comes from os.wait4 here and includes the size of
    this Python process, which Linux carries across fork and exec)."""
    src = os.path.join(HERE, "spawn.c")
    exe = os.path.join(workdir, "spawn")
    if os.path.exists(exe) and os.path.getmtime(exe) >= os.path.getmtime(src):
        return exe
    cc = shutil.which(os.environ.get("CC", "cc")) or shutil.which("gcc")
    if not cc:
        return None
    r = subprocess.run([cc, "-O2", "-std=c11", "-o", exe, src], capture_output=True, text=True)
    return exe if r.returncode == 0 else None


def run_child(cmd, timeout):
    """Runs cmd; returns rc, wall seconds, peak RSS in KiB (ru_maxrss of the child from
    wait4: in bench/spawn.c when built, else os.wait4 here), stdout and stderr text. A child
    past `timeout` is killed with its process group (rc = -9)."""
    # Files, not pipes: a chatty child cannot block on a full pipe while we wait4() it.
    out_f = open(os.path.join(RUN_TMP, "stdout"), "w+b")
    err_f = open(os.path.join(RUN_TMP, "stderr"), "w+b")
    res_path = os.path.join(RUN_TMP, "spawn.result")
    full = cmd
    if SPAWN:
        if os.path.exists(res_path):
            os.unlink(res_path)
        full = [SPAWN, res_path] + list(cmd)
    start = time.perf_counter()
    try:
        proc = subprocess.Popen(full, stdout=out_f, stderr=err_f, stdin=subprocess.DEVNULL,
                                start_new_session=True)
    except OSError as e:
        out_f.close()
        err_f.close()
        return {"rc": None, "wall": None, "maxrss_kb": None, "stdout": "", "killed": False,
                "stderr": "cannot run %s: %s" % (full[0], e)}
    killed = []

    def kill():
        killed.append(True)
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass

    timer = threading.Timer(timeout, kill)
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped: keep Popen quiet
    rc, maxrss = proc.returncode, usage.ru_maxrss
    if SPAWN:
        try:
            with open(res_path) as f:
                m = re.match(r"status (-?\d+) maxrss_kb (\d+)", f.read())
            rc, maxrss = int(m.group(1)), int(m.group(2))
        except (OSError, AttributeError):
            maxrss = None  # killed before the helper could write
    out_f.seek(0)
    err_f.seek(0)
    res = {"rc": rc, "wall": wall, "maxrss_kb": maxrss,
           "stdout": out_f.read().decode("utf-8", "replace"),
           "stderr": err_f.read().decode("utf-8", "replace"), "killed": bool(killed)}
    out_f.close()
    err_f.close()
    return res


def parse_json(text):
    """The JSON document in a command's stdout (the last line that parses, or the whole)."""
    text = text.strip()
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        pass
    for line in reversed(text.splitlines()):
        try:
            return json.loads(line)
        except ValueError:
            continue
    return None


def find_report(obj):
    """The verifier's report (an object with "hard" and "terms") inside a JSON document."""
    if isinstance(obj, dict):
        if "hard" in obj and "terms" in obj:
            return obj
        for v in obj.values():
            r = find_report(v)
            if r is not None:
                return r
    elif isinstance(obj, list):
        for v in obj:
            r = find_report(v)
            if r is not None:
                return r
    return None


def find_trace(obj):
    """A progress trace in solve's JSON: a list of {elapsed, hard, soft} under "trace" or
    "progress"."""
    if isinstance(obj, dict):
        for key in ("trace", "progress"):
            v = obj.get(key)
            if isinstance(v, list) and v and isinstance(v[0], dict) and "elapsed" in v[0]:
                return v
        for v in obj.values():
            r = find_trace(v)
            if r is not None:
                return r
    return None


# --- The harness ---------------------------------------------------------------------------


class Harness:
    def __init__(self, args):
        self.args = args
        self.binary = args.binary
        self.work = os.path.join(args.out, "work")
        self.problems = []   # loud messages: hard violations, failed runs
        self.trace_flag = None
        self.schools = {}

    def log(self, msg):
        if not self.args.quiet:
            print(msg, file=sys.stderr, flush=True)

    def problem(self, msg):
        self.problems.append(msg)
        print("run.py: !!! %s" % msg, file=sys.stderr, flush=True)

    # Schools --------------------------------------------------------------------------

    def school(self, size, seed):
        """Generates (once) the school and its .fet twin; returns (School, yaml, fet)."""
        key = (size, seed)
        if key not in self.schools:
            d = os.path.join(self.work, "%s-%d" % (size, seed))
            os.makedirs(d, exist_ok=True)
            s = gen_school.generate(size, seed)
            y, f = os.path.join(d, "school.yaml"), os.path.join(d, "school.fet")
            gen_school.write_atomic(y, gen_school.to_yaml(s))
            gen_school.write_atomic(f, gen_school.to_fet(s))
            self.schools[key] = (s, y, f)
        return self.schools[key]

    # schedule ------------------------------------------------------------------------

    def probe(self):
        """Checks the binary has solve and verify; finds its progress-trace flag."""
        if not os.path.exists(self.binary):
            raise SystemExit("run.py: %s does not exist: build it (cmake -S . -B build && "
                             "cmake --build build -j2) or pass --binary" % self.binary)
        res = run_child([self.binary, "solve", "--help"], 30)
        text = res["stdout"] + res["stderr"]
        if res["rc"] != 0 or "--method" not in text:
            raise SystemExit("run.py: `%s solve --help` does not describe --method: the solver "
                             "command is not there yet (rc %s)" % (self.binary, res["rc"]))
        for flag in TRACE_FLAGS:
            if re.search(re.escape(flag) + r"\b", text):
                self.trace_flag = flag
                break
        res = run_child([self.binary, "verify", "--help"], 30)
        if res["rc"] != 0:
            raise SystemExit("run.py: `%s verify --help` failed: the verifier command is not "
                             "there yet" % self.binary)
        self.log("run.py: %s; progress trace: %s" % (
            self.binary, self.trace_flag or "none (one run per time limit)"))

    def verify(self, yaml_path, tt_path, label):
        """Runs `schedule verify --json`; returns {hard, soft, teacher_gap} or None."""
        res = run_child([self.binary, "verify", yaml_path, tt_path, "--json"], 600)
        rep = find_report(parse_json(res["stdout"]))
        if rep is None:
            self.problem("%s: verify gave no report (rc %s): %s"
                         % (label, res["rc"], res["stderr"].strip()[:300]))
            return None
        terms = rep.get("terms", {})
        gap = terms.get("teacher_gap", {})
        out = {"hard": int(rep["hard"]), "soft": int(rep.get("soft", 0)),
               "teacher_gap": int(gap.get("amount", 0)) if isinstance(gap, dict) else None,
               "hard_terms": {k: v.get("amount") for k, v in terms.items()
                              if k in HARD_TERMS and isinstance(v, dict) and v.get("amount")}}
        if out["hard"]:
            self.problem("%s: the verifier finds %d HARD VIOLATIONS %s (timetable kept: %s)"
                         % (label, out["hard"], out["hard_terms"], tt_path))
        return out

    def solve(self, size, seed, method, limit, trace=False):
        """One `schedule solve` run and the verification of its timetable."""
        s, y, _ = self.school(size, seed)
        d = os.path.dirname(y)
        tt = os.path.join(d, "tt-%s-%s.yaml" % (method, limit))
        if os.path.exists(tt):
            os.unlink(tt)
        cmd = [self.binary, "solve", y, "-o", tt, "--method", method, "--time-limit",
               str(limit), "--seed", str(seed), "--json"]
        if trace and self.trace_flag:
            cmd.append(self.trace_flag)
        label = "%s seed %d %s %ss" % (size, seed, method, limit)
        # Enough for load, the limit and writing; a hang past it is killed.
        res = run_child(cmd, limit * 1.5 + 60)
        run = {"method": method, "limit": limit, "rc": res["rc"], "wall": res["wall"],
               "maxrss_kb": res["maxrss_kb"], "killed": res.get("killed", False)}
        doc = parse_json(res["stdout"])
        if isinstance(doc, dict):
            for k in ("feasible_seconds", "seconds", "iterations", "status", "hard", "soft", "bound",
                      "gap"):
                if k in doc:
                    run["solver_" + k] = doc[k]
            tr = find_trace(doc)
            if tr:
                run["trace"] = [{"elapsed": e.get("elapsed"), "hard": e.get("hard"),
                                 "soft": e.get("soft")} for e in tr]
        if res["rc"] not in (0, 1) or not os.path.exists(tt):
            self.problem("%s: solve failed (rc %s%s): %s" % (
                label, res["rc"], ", killed after the timeout" if run["killed"] else "",
                res["stderr"].strip()[:300]))
            run["verify"] = None
            return run
        v = run["verify"] = self.verify(y, tt, label)
        # The solver's own count must be the verifier's (docs/rules.md is their contract).
        mismatch = v is not None and any(
            isinstance(run.get("solver_" + k), int) and run["solver_" + k] != v[k]
            for k in ("hard", "soft"))
        if mismatch:
            self.problem("%s: the solver reports hard %s soft %s, the verifier hard %d soft %d "
                         "(timetable kept: %s)" % (label, run.get("solver_hard"),
                                                   run.get("solver_soft"), v["hard"], v["soft"], tt))
        if v and v["hard"] == 0 and not mismatch and not self.args.keep:
            os.unlink(tt)  # a timetable with violations stays for a look
        return run

    # FET -----------------------------------------------------------------------------

    def fet(self, size, seed):
        s, y, f = self.school(size, seed)
        outdir = os.path.join(os.path.dirname(f), "fet-out")
        shutil.rmtree(outdir, ignore_errors=True)
        # FET's six random seed components, from ours: reproducible runs.
        seeds = ["--randomseeds1%d=%d" % (i, seed * 10 + i + 1) for i in range(3)]
        seeds += ["--randomseeds2%d=%d" % (i, seed * 10 + i + 4) for i in range(3)]
        cmd = [self.args.fet_cl, "--inputfile=" + f, "--outputdir=" + outdir,
               "--timelimitseconds=%d" % self.args.fet_time_limit] + seeds
        res = run_child(cmd, self.args.fet_time_limit + 120)
        label = "%s seed %d fet-cl" % (size, seed)
        run = {"rc": res["rc"], "wall": res["wall"], "maxrss_kb": res["maxrss_kb"]}
        acts = fet_result.find_activities_xml(outdir)
        if "Simulation successful" not in res["stdout"] or not acts:
            self.problem("%s: no timetable (rc %s): %s" % (
                label, res["rc"], (res["stdout"] + res["stderr"]).strip()[-300:]))
            run["ok"] = False
            return run
        run["ok"] = True
        placements = fet_result.read_placements(acts)
        chk = fet_result.check(s, placements)
        run["check"] = {"hard": chk["hard_total"], "teacher_gap": chk["teacher_gap"],
                        "hard_terms": {k: v for k, v in chk["hard"].items() if v}}
        if chk["hard_total"]:
            self.problem("%s: FET's timetable breaks libschedule's rules: %s"
                         % (label, run["check"]["hard_terms"]))
        # The libschedule verifier on FET's timetable: its soft cost in our weights.
        if self.args.verify_fet and not self.args.fet_only:
            tt = os.path.join(os.path.dirname(f), "tt-fet.yaml")
            gen_school.write_atomic(tt, fet_result.to_timetable_yaml(s, placements))
            run["verify"] = self.verify(y, tt, label)
            if run["verify"] and run["verify"]["hard"] == 0 and not self.args.keep:
                os.unlink(tt)
        if not self.args.keep:
            shutil.rmtree(outdir, ignore_errors=True)
        return run

    # The whole benchmark -------------------------------------------------------------

    def run(self):
        a = self.args
        results = {"started": datetime.datetime.now().isoformat(timespec="seconds"),
                   "machine": machine_info(a), "sizes": a.sizes, "methods": a.methods,
                   "seeds": a.seeds, "limits": a.limits, "fet": a.fet or a.fet_only,
                   "binary": a.binary, "trace_flag": None, "runs": []}
        if not a.fet_only:
            self.probe()
            results["trace_flag"] = self.trace_flag
        for size in a.sizes:
            for seed in a.seeds:
                s, _, _ = self.school(size, seed)
                entry = {"size": size, "seed": seed, "teachers": len(s.teachers),
                         "classes": len(s.classes),
                         "lessons": sum(l["per_week"] for l in s.lines), "methods": {}}
                for method in ([] if a.fet_only else a.methods):
                    runs = []
                    if not METHODS[method]["anytime"]:
                        self.log("run.py: %s seed %d %s" % (size, seed, method))
                        runs.append(self.solve(size, seed, method, GREEDY_TIME_LIMIT))
                    elif self.trace_flag:
                        self.log("run.py: %s seed %d %s %ss (traced)"
                                 % (size, seed, method, max(a.limits)))
                        r = self.solve(size, seed, method, max(a.limits), trace=True)
                        runs.append(r)
                        if "trace" not in r:
                            self.problem("%s seed %d %s: solve printed no trace with %s"
                                         % (size, seed, method, self.trace_flag))
                    else:
                        for lim in a.limits:
                            self.log("run.py: %s seed %d %s %ss" % (size, seed, method, lim))
                            runs.append(self.solve(size, seed, method, lim))
                    entry["methods"][method] = runs
                if a.fet or a.fet_only:
                    self.log("run.py: %s seed %d fet-cl" % (size, seed))
                    entry["fet"] = self.fet(size, seed)
                results["runs"].append(entry)
                save(results, a.out, partial=True)
        results["finished"] = datetime.datetime.now().isoformat(timespec="seconds")
        results["problems"] = self.problems
        path = save(results, a.out)
        self.log("run.py: results in %s" % os.path.relpath(path))
        return results


def machine_info(a):
    info = {"python": platform.python_version(), "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "maxrss": "bench/spawn.c wait4" if SPAWN else "os.wait4 (includes the harness)"}
    try:
        with open("/proc/cpuinfo") as f:
            m = re.search(r"model name\s*:\s*(.*)", f.read())
            info["cpu"] = m.group(1) if m else None
    except OSError:
        pass
    try:
        info["commit"] = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                                        capture_output=True, text=True).stdout.strip()
    except OSError:
        pass
    if a.fet or a.fet_only:
        try:
            out = subprocess.run([a.fet_cl, "--version"], capture_output=True, text=True)
            m = re.search(r"FET version (\S+)", out.stdout + out.stderr)
            info["fet"] = m.group(1) if m else None
        except OSError:
            info["fet"] = None
    return info


def save(results, out, partial=False):
    os.makedirs(out, exist_ok=True)
    name = "partial.json" if partial else "run-%s.json" % results["started"].replace(":", "")
    path = os.path.join(out, name)
    gen_school.write_atomic(path, json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    if not partial:
        gen_school.write_atomic(os.path.join(out, "latest.json"),
                                json.dumps(results, indent=1, ensure_ascii=False) + "\n")
        try:
            os.unlink(os.path.join(out, "partial.json"))
        except OSError:
            pass
    return path


# --- Tables --------------------------------------------------------------------------------


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def fmt(x, digits=2):
    if x is None:
        return "—"
    if isinstance(x, int) or (isinstance(x, float) and x == int(x) and abs(x) >= 100):
        return "%d" % x
    return ("%." + str(digits) + "f") % x


def soft_at(run, limit):
    """Soft cost at `limit` seconds: from the trace (last feasible point not later), or the
    verified final cost of a run with that limit."""
    if "trace" in run:
        best = None
        for e in run["trace"]:
            if e.get("elapsed") is not None and e["elapsed"] <= limit and e.get("hard") == 0:
                best = e.get("soft")
        return best
    v = run.get("verify")
    if run.get("limit") == limit and v and v["hard"] == 0:
        return v["soft"]
    return None


def tables(results):
    limits = results["limits"]
    methods = results["methods"]
    by_size = {}
    for e in results["runs"]:
        by_size.setdefault(e["size"], []).append(e)
    out = []
    seeds = results["seeds"]
    if any(e["methods"] for e in results["runs"]):
        # methods with a proved bound (mip, hybrid): the bound at each limit, the gap at the last
        with_bound = any(r.get("solver_bound", -1) >= 0 for e in results["runs"]
                         for runs in e["methods"].values() for r in runs)
        head = ["size", "method", "first feasible, s"] + ["soft @%s s" % l for l in limits] + \
               (["bound @%s s" % l for l in limits] + ["gap @%s s" % limits[-1]] if with_bound else []) + \
               ["teacher gaps / teacher", "peak MB", "hard violations"]
        out.append("| " + " | ".join(head) + " |")
        out.append("|" + "|".join(["---"] * 2 + ["---:"] * (len(head) - 2)) + "|")
        for size in [s for s in SIZES if s in by_size]:
            entries = by_size[size]
            for method in methods:
                firsts, softs, gaps, mems, hard = [], {l: [] for l in limits}, [], [], 0
                bounds, rel_gaps = {l: [] for l in limits}, []
                bad_runs = 0
                for e in entries:
                    runs = e["methods"].get(method, [])
                    if not runs:
                        continue
                    for r in runs:
                        v = r.get("verify")
                        if v is None:
                            bad_runs += 1
                        else:
                            hard = max(hard, v["hard"])
                    mems.append(max((r["maxrss_kb"] or 0) for r in runs) / 1024.0)
                    if METHODS.get(method, {}).get("anytime"):
                        for l in limits:
                            vals = [soft_at(r, l) for r in runs]
                            vals = [v for v in vals if v is not None]
                            softs[l].append(vals[-1] if vals else None)
                        for l in limits:
                            b = [r.get("solver_bound") for r in runs if r["limit"] == l]
                            bounds[l].append(b[0] if b and isinstance(b[0], int) and b[0] >= 0 else None)
                        last = max(runs, key=lambda r: r["limit"])
                        g = last.get("solver_gap")
                        rel_gaps.append(g if isinstance(g, (int, float)) and g >= 0 else None)
                        fs = last.get("solver_feasible_seconds")
                        firsts.append(fs if isinstance(fs, (int, float)) and fs >= 0 else None)
                    else:
                        r = runs[0]
                        v = r.get("verify")
                        ok = v is not None and v["hard"] == 0
                        firsts.append(r["wall"] if ok else None)
                        for l in limits:
                            softs[l].append(v["soft"] if ok and r["wall"] <= l else None)
                    last = max(runs, key=lambda r: r["limit"])
                    v = last.get("verify")
                    if v and v.get("teacher_gap") is not None:
                        gaps.append(v["teacher_gap"] / float(e["teachers"]))
                if not mems:
                    continue
                hard_cell = "0" if not hard and not bad_runs else "**%s !!**" % (
                    "%d" % hard if hard else "?") + (" (%d unverified)" % bad_runs if bad_runs else "")
                first = median(firsts)
                if METHODS.get(method, {}).get("anytime") and first is not None:
                    first_cell = "(%s)" % fmt(first, 3)  # solver-internal, not whole process
                else:
                    first_cell = fmt(first, 3)
                bound_cells = []
                if with_bound:
                    bound_cells = [fmt(median(bounds[l]), 0) for l in limits]
                    g = median(rel_gaps)
                    bound_cells.append("%.0f %%" % (100 * g) if g is not None else "—")
                row = [size, method, first_cell] + [fmt(median(softs[l]), 0) for l in limits] + \
                      bound_cells + [fmt(median(gaps)), fmt(median(mems), 1), hard_cell]
                out.append("| " + " | ".join(row) + " |")
        out.append("")
        out.append("Medians over seeds %s; hard violations: the most in any produced timetable "
                   "(`schedule verify`). First feasible: wall time of `schedule solve --method "
                   "greedy` (load + solve + write); in parentheses, the solver's own time to its "
                   "first feasible timetable. Soft cost: the verifier's weighted soft cost "
                   "(docs/rules.md) at each time limit." % _seeds_text(seeds)
                   + (" Bound: the proved lower bound on the soft cost the solve reports (its "
                      "integer program's relaxation or search; — none); gap: (soft − bound) / "
                      "soft of the longest run." if with_bound else ""))
    if any("fet" in e for e in results["runs"]):
        if out:
            out.append("")
        head = ["size", "classes", "teachers", "lessons", "FET first timetable, s",
                "greedy, s", "FET / greedy", "FET teacher gaps / teacher", "FET soft (our weights)",
                "FET peak MB", "FET hard (our rules)"]
        out.append("| " + " | ".join(head) + " |")
        out.append("|---|" + "|".join(["---:"] * (len(head) - 1)) + "|")
        for size in [s for s in SIZES if s in by_size]:
            entries = by_size[size]
            fets = [e["fet"] for e in entries if "fet" in e]
            if not fets:
                continue
            ok = [f for f in fets if f.get("ok")]
            ft = median([f["wall"] for f in ok])
            greedy = []
            for e in entries:
                r = (e["methods"].get("greedy") or [None])[0]
                if r and r.get("verify") and r["verify"]["hard"] == 0:
                    greedy.append(r["wall"])
            gt = median(greedy)
            gaps = median([f["check"]["teacher_gap"] / float(e["teachers"])
                           for e, f in ((e, e.get("fet")) for e in entries) if f and f.get("ok")])
            soft = median([f["verify"]["soft"] for f in ok if f.get("verify")])
            hard = max([f["check"]["hard"] for f in ok] + [0])
            failed = len(fets) - len(ok)
            hard_cell = ("0" if not hard else "**%d !!**" % hard) + (
                " (**%d without a timetable**)" % failed if failed else "")
            row = [size, fmt(median([e["classes"] for e in entries]), 0),
                   fmt(median([e["teachers"] for e in entries]), 0),
                   fmt(median([e["lessons"] for e in entries]), 0), fmt(ft, 2), fmt(gt, 3),
                   fmt(ft / gt, 1) + "×" if ft and gt else "—", fmt(gaps),
                   fmt(soft, 0), fmt(median([f["maxrss_kb"] / 1024.0 for f in ok]), 1), hard_cell]
            out.append("| " + " | ".join(row) + " |")
        out.append("")
        out.append("FET %s (`fet-cl`, default output, seeded) on the .fet twin of each school "
                   "(bench/gen_school.py --fet): wall time to its first complete timetable, "
                   "median over seeds %s. FET's timetables are checked against libschedule's "
                   "hard rules (bench/fet_result.py)%s."
                   % (results.get("machine", {}).get("fet") or "", _seeds_text(seeds),
                      " and costed by `schedule verify`" if any(
                          f.get("verify") for f in (e.get("fet", {}) for e in results["runs"]))
                      else ""))
    return "\n".join(out)


def _seeds_text(seeds):
    return ", ".join(str(s) for s in seeds)


# --- Command line --------------------------------------------------------------------------


def parse_list(text, allowed=None, what="item"):
    items = [t.strip() for t in text.split(",") if t.strip()]
    if allowed is not None:
        for t in items:
            if t not in allowed:
                raise SystemExit("run.py: unknown %s %r (one of %s)" % (what, t, ", ".join(allowed)))
    return items


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="\n".join(__doc__.split("\n")[2:]))
    ap.add_argument("--sizes", default=",".join(SIZES), help="default S,M,L,XL")
    ap.add_argument("--methods", default=",".join(DEFAULT_METHODS),
                    help="default greedy,local; known: %s" % ",".join(METHODS))
    ap.add_argument("--seeds", default="5",
                    help="a count N (seeds 1..N) or a list 1,4,7 (default 5)")
    ap.add_argument("--limits", default=None,
                    help="time limits of anytime methods, seconds (default 1,10,60)")
    ap.add_argument("--quick", action="store_true", help="1 seed, limits 1,3 s")
    ap.add_argument("--fet", action="store_true", help="also run fet-cl on the same schools")
    ap.add_argument("--fet-only", action="store_true", help="only fet-cl (no schedule binary)")
    ap.add_argument("--fet-cl", default="fet-cl", help="the fet-cl command")
    ap.add_argument("--fet-time-limit", type=int, default=FET_TIME_LIMIT)
    ap.add_argument("--no-verify-fet", dest="verify_fet", action="store_false",
                    help="do not run `schedule verify` on FET's timetables")
    ap.add_argument("--binary", default=os.path.join(ROOT, "build", "schedule"),
                    help="the schedule command (default build/schedule)")
    ap.add_argument("--out", default=os.path.join(HERE, "results"),
                    help="results directory (default bench/results)")
    ap.add_argument("--keep", action="store_true", help="keep timetables and FET output")
    ap.add_argument("--table", metavar="JSON", help="print the tables of saved results")
    ap.add_argument("-q", "--quiet", action="store_true")
    a = ap.parse_args(argv)

    if a.table:
        with open(a.table, encoding="utf-8") as f:
            print(tables(json.load(f)))
        return 0
    a.sizes = parse_list(a.sizes, SIZES, "size")
    a.methods = parse_list(a.methods, list(METHODS), "method")
    if a.quick:
        a.seeds = "1"
    a.seeds = (list(range(1, int(a.seeds) + 1)) if a.seeds.isdigit()
               else [int(s) for s in parse_list(a.seeds)])
    if a.limits:
        a.limits = [float(x) if "." in x else int(x) for x in parse_list(a.limits)]
    else:
        a.limits = list(QUICK_LIMITS if a.quick else DEFAULT_LIMITS)
    a.out = os.path.abspath(a.out)
    global RUN_TMP, SPAWN
    RUN_TMP = os.path.join(a.out, "work")
    os.makedirs(RUN_TMP, exist_ok=True)
    SPAWN = build_spawn(RUN_TMP)
    if not SPAWN:
        print("run.py: no C compiler for bench/spawn.c: peak memory includes this harness's "
              "own size", file=sys.stderr)
    if (a.fet or a.fet_only) and not shutil.which(a.fet_cl):
        raise SystemExit("run.py: %s not found (Debian package fet)" % a.fet_cl)
    h = Harness(a)
    results = h.run()
    print(tables(results))
    if h.problems:
        print("\n**!! %d problem(s):**\n" % len(h.problems))
        for p in h.problems:
            print("- %s" % p)
        print("", file=sys.stderr)
        print("run.py: !!! %d PROBLEM(S) — see above; the first: %s"
              % (len(h.problems), h.problems[0]), file=sys.stderr)
        return 1
    return 0


RUN_TMP = os.path.join(HERE, "results", "work")

if __name__ == "__main__":
    sys.exit(main())
