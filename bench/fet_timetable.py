#!/usr/bin/env python3
"""Turns fet-cl's timetable into a timetable file (docs/timetable.md) of the imported school.

    schedule import X.fet -o X.yaml
    fet-cl --inputfile=X.fet --outputdir=OUT
    bench/fet_timetable.py X.fet X.yaml OUT/timetables/X/X_activities.xml -o fet-timetable.yaml
    schedule verify X.yaml fet-timetable.yaml
    bench/fet_timetable.py X.fet X.yaml OUT/.../X_activities.xml --verify build   # co-taught too
    bench/fet_timetable.py X.fet X.yaml OUT/.../X_activities.xml --fix-days -o X-days.yaml

`--fix-days` writes the school instead, each lesson held to the day FET gave it (an
allowed_starts constraint per lesson, the periods left free): how hard the periods are once
the days are right (docs/solver.md, the Vietnamese school).

A timetable file cannot name a co-taught lesson (`teacher: [x, y]`) yet; `--verify BUILD`
places FET's timetable through the Python binding instead (lesson i = load line i) and
prints the verifier's hard findings; exit 1 when there are any.

Every hard violation the verifier reports on FET's own timetable is an import that asks more
than FET does (or a verifier bug). Load lines carry `id: a<FET Id>` and one lesson each
(docs/fet.md); a lesson is named by its line's key and its number `n` among the lines with
that key, in school order, as the timetable loader does. Rooms are left out (the model's room
kinds are not FET's rooms; the imported files ask none for a lesson).
"""

import argparse
import os
import sys
import xml.etree.ElementTree as ET

import yaml

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def fet_time_names(fet):
    root = ET.parse(fet).getroot()
    days = [d.findtext("Name").strip() for d in root.find("Days_List").iter("Day")]
    hours = [h.findtext("Name").strip() for h in root.find("Hours_List").iter("Hour")]
    return days, hours


def placements(acts_xml, days, hours):
    out = {}
    for a in ET.parse(acts_xml).getroot().iter("Activity"):
        d, h = (a.findtext("Day") or "").strip(), (a.findtext("Hour") or "").strip()
        if d in days and h in hours:
            out["a" + a.findtext("Id").strip()] = (days.index(d), hours.index(h) + 1)
    return out


def key_of(line):
    cls = line["class"]
    cls = tuple(sorted(cls)) if isinstance(cls, list) else (cls,)
    t = line.get("teacher")
    t = tuple(t) if isinstance(t, list) else t
    g = line.get("groups")
    g = tuple(sorted(g.items())) if isinstance(g, dict) else None
    return (cls, line.get("group"), g, line["subject"], t)


def verify(build, school_yaml, slots):
    """Places lesson i at slots[i] = (day index, bell 1-based) and prints the hard findings."""
    import ctypes
    import os
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    os.environ.setdefault("SCHEDULE_LIBRARY", os.path.join(os.path.abspath(build), "libschedule.so"))
    sys.path.insert(0, os.path.join(root, "bindings", "python"))
    import schedule as sch
    school = sch.School.load(school_yaml)
    ptr = ctypes.c_void_p()
    if sch._lib.sch_timetable_new(ctypes.byref(ptr), school._p()) != 0:
        sys.exit("sch_timetable_new failed")
    tt = sch.Timetable(ptr, school)
    for i, p in enumerate(slots):
        if p is not None:
            tt.set(i, p[0], p[1] - 1)
    r = tt.verify()
    for f in r.findings:
        if f.hard:
            print("%s: %s" % (f.term, f.message))
    print("%d of %d lessons placed; %d hard violations" % (sum(p is not None for p in slots), len(slots), r.hard))
    return 1 if r.hard else 0


def write_text(output, text):
    """To stdout for '-', else to the file through a temporary one (never half written)."""
    if output == "-":
        sys.stdout.write(text)
        return
    tmp = output + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, output)


def read_inputs(a):
    """FET's day and hour names, its placements and the imported school; exits 2 naming the
    file when one cannot be read."""
    path = a.fet
    try:
        days, hours = fet_time_names(a.fet)
        path = a.activities
        place = placements(a.activities, days, hours)
        path = a.school
        school = yaml.safe_load(open(a.school, encoding="utf-8"))
        if not isinstance(school, dict):
            raise ValueError("not a school (a YAML mapping)")
    except (OSError, ET.ParseError, AttributeError, ValueError, yaml.YAMLError) as e:
        sys.stderr.write("fet_timetable.py: %s: cannot be read: %s\n" % (path, e))
        sys.exit(2)
    return days, hours, place, school


def fix_days(school, place, output):
    """The school with one allowed_starts constraint per placed lesson: its FET day."""
    held = [{"type": "allowed_starts", "lessons": [line["id"]], "slots": [DAYS[place[line["id"]][0]]],
             "source": "FET's day"} for line in school.get("lessons") or [] if line.get("id") in place]
    school["constraints"] = (school.get("constraints") or []) + held
    write_text(output, yaml.safe_dump(school, allow_unicode=True, sort_keys=False, width=1 << 20))
    print("%d of %d lessons held to FET's day" % (len(held), len(school.get("lessons") or [])), file=sys.stderr)
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("fet")
    ap.add_argument("school")
    ap.add_argument("activities")
    ap.add_argument("-o", "--output", default="-")
    ap.add_argument("--verify", metavar="BUILD", help="check through the Python binding of BUILD/libschedule.so")
    ap.add_argument("--fix-days", action="store_true", help="write the school with each lesson held to FET's day")
    a = ap.parse_args()
    days, hours, place, school = read_inputs(a)
    if a.fix_days:
        sys.exit(fix_days(school, place, a.output))
    if a.verify:
        sys.exit(verify(a.verify, a.school, [place.get(line.get("id")) for line in school.get("lessons") or []]))
    seen = {}
    out = ["timetable:", "  lessons:"]
    unplaced = cotaught = 0
    for line in school.get("lessons") or []:
        k = key_of(line)
        if line.get("per_week", 1) != 1 and "block" not in line:
            sys.exit("%s: %d lessons on one line: not an imported FET line" % (line.get("id"), line["per_week"]))
        seen[k] = seen.get(k, 0) + 1
        item = {"class": line["class"], "subject": line["subject"], "n": seen[k]}
        if "groups" in line:
            item["groups"] = line["groups"]
        else:
            if "group" in line:
                item["group"] = line["group"]
            if line.get("teacher") is not None:
                item["teacher"] = line["teacher"]
                if isinstance(line["teacher"], list):
                    cotaught += 1
        p = place.get(line.get("id"))
        if p is None:
            unplaced += 1
            item["day"] = None
        else:
            item["day"], item["period"] = DAYS[p[0]], p[1]
        out.append("    - " + yaml.safe_dump(item, default_flow_style=True, allow_unicode=True,
                                               sort_keys=False, width=1 << 20).strip())
    write_text(a.output, "\n".join(out) + "\n")
    print("%d lessons, %d unplaced, %d co-taught (a timetable file may not name them)"
          % (len(school.get("lessons") or []), unplaced, cotaught), file=sys.stderr)


if __name__ == "__main__":
    main()
