#!/usr/bin/env python3
"""libschedule against FET's fet-cl on real FET files: time to the first complete timetable.

    bench/fet_bench.py                       # every file in ../shared/data/fet, 3 runs each
    bench/fet_bench.py --runs 1 --files spain-primaria.fet --our-limit 5

For each file: fet-cl (until its first complete timetable, or --fet-limit seconds; 100 s for
the Greek file) and `schedule solve <file.fet> --method local` (time to the first timetable
without hard violations: the process's time outside the solver -- start-up, reading the .fet,
writing the timetable -- and the solver's feasible_seconds), --runs runs each, medians. Two
cross-checks by FET's own rules:

- FET's timetable, placed on the imported school (through the Python binding: a timetable
  file cannot name co-taught lessons yet), is checked by libschedule's verifier (0 hard
  violations means the import asks nothing FET did not); our own timetables are verified the
  same way;
- our timetable is written into the .fet as a locked ConstraintActivityPreferredStartingTime
  (100%) per activity, and fet-cl runs on it: if it succeeds at once, FET agrees that our
  timetable breaks none of its hard rules (the mapped and the unmapped ones).

Prints a Markdown table. Python 3 standard library only.
"""

import argparse
import glob
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DAY_CODES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def run(cmd, timeout=None):
    t = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    return p, time.monotonic() - t


def fet_names(path):
    root = ET.parse(path).getroot()
    days = [d.findtext("Name").strip() for d in root.find("Days_List").findall("Day")]
    hours = [h.findtext("Name").strip() for h in root.find("Hours_List").findall("Hour")]
    acts = len(root.find("Activities_List").findall("Activity"))
    return days, hours, acts


def run_fet(fet, outdir, limit):
    """(seconds, solved, activities.xml path or None)."""
    shutil.rmtree(outdir, ignore_errors=True)
    cmd = ["fet-cl", "--inputfile=" + fet, "--outputdir=" + outdir, "--timelimitseconds=%d" % limit]
    try:
        p, secs = run(cmd, timeout=limit + 60)
    except subprocess.TimeoutExpired:
        return limit, False, None
    out = p.stdout.decode("utf-8", "replace") + p.stderr.decode("utf-8", "replace")
    solved = p.returncode == 0 and "Simulation successful" in out
    hits = glob.glob(os.path.join(outdir, "timetables", "*", "*_activities.xml"))
    return secs, solved, hits[0] if (hits and solved) else None


def line_ids(school_yaml):
    """The load lines' ids (a<FET id>) in school order: one lesson per line."""
    ids = []
    in_lessons = False
    for line in open(school_yaml, encoding="utf-8"):
        if line.startswith("lessons:"):
            in_lessons = True
            continue
        if in_lessons:
            if not line.startswith("- "):
                if line.strip() and not line.startswith(" "):
                    break
                continue
            m = re.match(r"- \{id: ([^,]+),", line)
            ids.append(m.group(1).strip("'\"") if m else None)
    return ids


def read_timetable_slots(tt_yaml):
    """[(day index or None, period 1-based or None)] per lesson, in school order."""
    out = []
    for line in open(tt_yaml, encoding="utf-8"):
        line = line.strip()
        if not line.startswith("- {"):
            continue
        m = re.search(r"day: ([a-z]+), period: (\d+)", line)
        out.append((DAY_CODES.index(m.group(1)), int(m.group(2))) if m else (None, None))
    return out


def verify_placements(build, school_yaml, placements):
    """Places lesson i at placements[i] = (day, period 0-based) or None on the school and
    checks it with libschedule's verifier through the Python binding (a timetable file cannot
    name co-taught lessons yet). Returns (hard violations, {hard term: amount}) or (None, why)."""
    os.environ.setdefault("SCHEDULE_LIBRARY", os.path.join(build, "libschedule.so"))
    if os.path.join(ROOT, "bindings", "python") not in sys.path:
        sys.path.insert(0, os.path.join(ROOT, "bindings", "python"))
    try:
        import ctypes
        import schedule as sch
    except (ImportError, OSError) as e:
        return None, "n/a: Python binding: %s" % e
    school = sch.School.load(school_yaml)
    ptr = ctypes.c_void_p()
    if sch._lib.sch_timetable_new(ctypes.byref(ptr), school._p()) != 0:
        return None, "n/a: sch_timetable_new failed"
    tt = sch.Timetable(ptr, school)
    for i, p in enumerate(placements):
        if p is not None:
            tt.set(i, *p)
    r = tt.verify()
    hard_terms = {n for t, n in sch._TERMS if sch._lib.sch_term_is_hard(t)}
    return r.hard, {name: v[0] for name, v in r.terms.items() if v[0] and name in hard_terms}


def verify_fet_timetable(build, acts_xml, fet, school_yaml):
    """FET's placements (its <name>_activities.xml) checked as a timetable of the imported school."""
    days, hours, _ = fet_names(fet)
    place = {}
    for a in ET.parse(acts_xml).getroot().iter("Activity"):
        d, h = (a.findtext("Day") or "").strip(), (a.findtext("Hour") or "").strip()
        if d in days and h in hours:
            place["a" + a.findtext("Id").strip()] = (days.index(d), hours.index(h))
    # one lesson per line, in order
    return verify_placements(build, school_yaml, [place.get(aid) for aid in line_ids(school_yaml)])


def verify_ours(build, school_yaml, tt_yaml):
    """Our timetable file's placements, checked the same way."""
    slots = read_timetable_slots(tt_yaml)
    return verify_placements(build, school_yaml, [None if d is None else (d, p - 1) for d, p in slots])


def lock_into_fet(fet, school_yaml, tt_yaml, out_fet):
    """A copy of the .fet with every placed activity locked at our start."""
    days, hours, _ = fet_names(fet)
    ids = line_ids(school_yaml)
    slots = read_timetable_slots(tt_yaml)
    cons = []
    for aid, (d, p) in zip(ids, slots):
        if d is None or not aid:
            continue
        cons.append("<ConstraintActivityPreferredStartingTime>\n\t<Weight_Percentage>100</Weight_Percentage>\n"
                    "\t<Activity_Id>%s</Activity_Id>\n\t<Preferred_Day>%s</Preferred_Day>\n"
                    "\t<Preferred_Hour>%s</Preferred_Hour>\n\t<Permanently_Locked>true</Permanently_Locked>\n"
                    "\t<Active>true</Active>\n\t<Comments></Comments>\n</ConstraintActivityPreferredStartingTime>\n"
                    % (aid[1:], escape(days[d]), escape(hours[p - 1])))
    text = open(fet, encoding="utf-8-sig").read()
    text = text.replace("</Time_Constraints_List>", "".join(cons) + "</Time_Constraints_List>", 1)
    with open(out_fet, "w", encoding="utf-8") as f:
        f.write(text)


def escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def ours(schedule, build, fet, work, limit, seed):
    """One `schedule solve <file.fet>`: a dict of the measures. The school is also imported to
    YAML once (not timed) for the cross-checks, which name its lessons."""
    school = os.path.join(work, "school.yaml")
    tt = os.path.join(work, "ours%d.yaml" % seed)
    if not os.path.exists(school):
        p, _ = run([schedule, "import", fet, "-o", school])
        if p.returncode != 0:
            return {"error": p.stderr.decode("utf-8", "replace").strip()}
    p, t_solve = run([schedule, "solve", fet, "--method", "local", "--time-limit", str(limit), "--seed",
                      str(seed), "-o", tt, "--json", "--quiet"])
    try:
        d = json.loads(p.stdout.decode("utf-8").splitlines()[0])
    except (ValueError, IndexError):
        return {"error": p.stderr.decode("utf-8", "replace").strip()}
    # start-up, reading the .fet and writing the timetable: the process's time outside the solver
    overhead = max(0.0, t_solve - d["seconds"])
    r = {"school": school, "tt": tt, "overhead": overhead, "soft": d["soft"], "hard": d["hard"],
         "feasible": d["feasible_seconds"] >= 0, "unplaced": d.get("unplaced", [])}
    r["first"] = overhead + d["feasible_seconds"] if r["feasible"] else None
    r["verify_hard"], r["verify_terms"] = verify_ours(build, school, tt)
    return r


def fmt(x, nd=3):
    return "—" if x is None else ("%.*f" % (nd, x))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"), help="build dir holding `schedule`")
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data", "fet"))
    ap.add_argument("--files", nargs="*", help="file names in --data (default: all *.fet)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--fet-limit", type=int, default=300, help="fet-cl time limit (s)")
    ap.add_argument("--greek-limit", type=int, default=100, help="fet-cl time limit for the Greek file (s)")
    ap.add_argument("--our-limit", type=float, default=10, help="schedule solve --time-limit (s)")
    ap.add_argument("--lock-limit", type=int, default=60, help="fet-cl limit when checking our timetable (s)")
    ap.add_argument("--keep", help="keep the work files in this directory")
    a = ap.parse_args()
    schedule = os.path.join(a.build, "schedule")
    if not os.access(schedule, os.X_OK):
        sys.exit("no %s: build first (cmake --build %s)" % (schedule, a.build))
    if not shutil.which("fet-cl"):
        sys.exit("fet-cl is not installed (Debian package fet)")
    files = a.files or sorted(os.path.basename(f) for f in glob.glob(os.path.join(a.data, "*.fet")))
    if not files:
        sys.exit("no .fet files in %s" % a.data)
    top = a.keep or tempfile.mkdtemp(prefix="fet_bench_")
    os.makedirs(top, exist_ok=True)
    rows, notes = [], []
    for name in files:
        fet = os.path.join(a.data, name)
        base = name[:-4]
        work = os.path.join(top, base)
        os.makedirs(work, exist_ok=True)
        _, _, n_act = fet_names(fet)
        limit = a.greek_limit if "greece" in name else a.fet_limit
        fet_times, fet_ok, acts_xml = [], 0, None
        for r in range(a.runs):
            secs, ok, ax = run_fet(fet, os.path.join(work, "fet%d" % r), limit)
            print("%s: fet-cl run %d: %.2f s, %s" % (name, r + 1, secs, "solved" if ok else "not solved"),
                  file=sys.stderr)
            fet_times.append(secs if ok else None)
            fet_ok += ok
            acts_xml = acts_xml or ax
        our = []
        for r in range(a.runs):
            o = ours(schedule, a.build, fet, work, a.our_limit, r + 1)
            print("%s: ours run %d: %s" % (name, r + 1, {k: v for k, v in o.items() if k not in (
                "school", "tt", "unplaced", "verify_terms")}), file=sys.stderr)
            our.append(o)
        good = [o for o in our if "error" not in o and o["feasible"]]
        last = good[-1] if good else our[-1]
        fet_med = statistics.median([t for t in fet_times if t is not None]) if fet_ok == a.runs else None
        firsts = [o.get("first") for o in our]
        feas = [f for f in firsts if f is not None]
        our_med = statistics.median(feas) if feas else None
        ratio = fet_med / our_med if fet_med and our_med and len(feas) == a.runs else None
        # cross-check 1: FET's timetable by our verifier
        fet_by_us = "—"
        if acts_xml and "error" not in last:
            h, terms = verify_fet_timetable(a.build, acts_xml, fet, last["school"])
            if h is None:
                fet_by_us = terms
            else:
                fet_by_us = "%s%s" % (h, (" (" + ", ".join("%s %d" % kv for kv in terms.items()) + ")") if terms else "")
        # cross-check 2: our timetable locked into FET
        fet_agrees = "—"
        if "error" not in last and last["feasible"]:
            lf = os.path.join(work, base + "_locked.fet")
            lock_into_fet(fet, last["school"], last["tt"], lf)
            secs, ok, _ = run_fet(lf, os.path.join(work, "locked"), a.lock_limit)
            fet_agrees = ("yes (%.1f s)" % secs) if ok else ("NO (%.0f s)" % secs)
        if "error" in last:
            notes.append("%s: import or solve failed: %s" % (name, last["error"]))
        elif not last["feasible"]:
            reasons = {}
            for u in last["unplaced"]:
                reasons[u["reason"]] = reasons.get(u["reason"], 0) + 1
            notes.append("%s: no hard-feasible timetable in %g s (%d hard violations); left out: %s" % (
                name, a.our_limit, last["hard"], "; ".join("%d× %s" % (n, r) for r, n in
                                                            sorted(reasons.items(), key=lambda kv: -kv[1])[:5])))
        vh = last.get("verify_hard")
        if vh is None and isinstance(last.get("verify_terms"), str):
            vh = "%s by the solver; verify %s" % (last.get("hard"), last["verify_terms"])
        elif vh and last.get("verify_terms"):
            vh = "%s (%s)" % (vh, ", ".join("%s %d" % kv for kv in last["verify_terms"].items()))
        rows.append((name, n_act, fet_med, fet_ok, limit, our_med, len(feas), ratio,
                     last.get("soft"), vh, fet_by_us, fet_agrees))
    print("\n| file | activities | FET s | ours s | FET/ours | our soft cost | hard violations (verify) "
          "| FET's timetable, our verifier (hard) | our timetable locked into fet-cl |")
    print("|---|---:|---:|---:|---:|---:|---:|---|---|")
    for (name, n_act, fm, fok, lim, om, nfeas, ratio, soft, vh, fbu, fa) in rows:
        fs = fmt(fm, 2) if fm is not None else ("not in %d s" % lim if fok == 0 else "%d/%d solved" % (fok, a.runs))
        os_ = ("not in %g s" % a.our_limit) if om is None else fmt(om) + (
            "" if nfeas == a.runs else " (%d/%d runs)" % (nfeas, a.runs))
        print("| %s | %d | %s | %s | %s | %s | %s | %s | %s |" % (
            name, n_act, fs, os_, fmt(ratio, 1) + ("×" if ratio else ""), "—" if soft is None else soft,
            "—" if vh is None else vh, fbu, fa))
    for n in notes:
        print("\n- " + n)
    print("\nMedians of %d runs (ours: of the runs that found one; the ratio only when all did); ours = the "
          "time of `schedule solve <file.fet>` outside the solver (start-up, reading the .fet, writing the "
          "timetable) + the solver's time to the first timetable without hard violations (--method local "
          "--time-limit %g, seeds 1..%d). Soft cost and hard violations are of the last run with a feasible "
          "timetable (else the last run)." % (a.runs, a.our_limit, a.runs))
    if not a.keep:
        shutil.rmtree(top, ignore_errors=True)


if __name__ == "__main__":
    main()
