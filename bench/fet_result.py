#!/usr/bin/env python3
"""Reads fet-cl's timetable of a generated school and checks it against libschedule's rules.

    fet_result.py --size M --seed 3 /tmp/fetout/timetables/m3/m3_activities.xml

FET solves the .fet twin that gen_school.py writes; this maps FET's activities back to the
school's load lines and counts, independently of the C verifier, the hard terms of
docs/rules.md (so that a FET timetable is known to be a libschedule timetable too) and the
teacher gaps as rules.md counts them (within a shift), for the benchmark's comparison.
"""

import argparse
import glob
import os
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_school  # noqa: E402

HARD_TERMS = ("missing", "outside_shift", "teacher_unavailable", "teacher_clash", "class_clash",
              "room_clash", "room_missing", "pupil_gap", "class_day_limit", "teacher_day_limit",
              "subject_twice")


def find_activities_xml(outdir):
    """fet-cl writes OUTDIR/timetables/<name>/<name>_activities.xml."""
    hits = glob.glob(os.path.join(outdir, "timetables", "*", "*_activities.xml"))
    return hits[0] if hits else None


def read_placements(path):
    """{activity id: (day index, bell 1-based, room or None)} of the placed activities."""
    days = {d: i for i, d in enumerate(gen_school.DAYS)}
    out = {}
    for a in ET.parse(path).getroot().iter("Activity"):
        aid = int(a.findtext("Id"))
        day, hour = (a.findtext("Day") or "").strip(), (a.findtext("Hour") or "").strip()
        if day and hour:
            out[aid] = (days[day], int(hour), (a.findtext("Room") or "").strip() or None)
    return out


def check(school, placements):
    """Hard-term amounts and teacher gaps of FET's timetable, as docs/rules.md counts them."""
    cls = school.class_by_id()
    tmap = {t["id"]: t for t in school.teachers}
    shift_of_bell = {}
    for s, (a, b) in enumerate(school.shifts):
        for bell in range(a, b + 1):
            shift_of_bell[bell] = s + 1
    room_kind = {r: k for r, k, _ in school.rooms}
    n_rooms = {}
    for _, k, _ in school.rooms:
        n_rooms[k] = n_rooms.get(k, 0) + 1
    hard = {t: 0 for t in HARD_TERMS}
    atoms_of = {}  # class -> list of atoms (en group, ky group) or [None]
    for c in school.classes:
        atoms_of[c["id"]] = ([(a, b) for a in gen_school.DIVISIONS["english"][1]
                              for b in gen_school.DIVISIONS["kyrgyz"][1]] if c["split"] else [None])
    atom_busy = {}     # (class, atom, day) -> {bell: count}
    subj_count = {}    # (class, atom, day, subject) -> count
    teacher_busy = {}  # (teacher, day) -> {bell: count}
    room_use = {}      # (room, day, bell) -> count
    for li, parts in gen_school.fet_activities(school):
        l = school.lines[li]
        c = cls[l["class"]]
        first, last = school.shifts[c["shift"] - 1]
        room_needed = gen_school.SUBJECTS[l["subject"]][3]
        for k in range(l["per_week"]):
            # A lesson is placed when all its parts are, at one slot (same starting time).
            places = [placements.get(ids[k]) for _, _, ids in parts]
            if any(p is None for p in places):
                hard["missing"] += 1
                continue
            if len({(p[0], p[1]) for p in places}) > 1:
                hard["class_clash"] += 1  # the groups apart: not one lesson any more
            day, bell = places[0][0], places[0][1]
            if day >= c["week"] or bell < first or bell > last:
                hard["outside_shift"] += 1
            for (tid, students, ids), place in zip(parts, places):
                t = tmap[tid]
                if day in t["unavailable_days"] or (day, bell) in t["unavailable"]:
                    hard["teacher_unavailable"] += 1
                tb = teacher_busy.setdefault((tid, day), {})
                tb[bell] = tb.get(bell, 0) + 1
                group = students[len(c["id"]) + 1:] if students != c["id"] else None
                for atom in atoms_of[c["id"]]:
                    if group is not None and group not in atom:
                        continue
                    ab = atom_busy.setdefault((c["id"], atom, day), {})
                    ab[bell] = ab.get(bell, 0) + 1
                    key = (c["id"], atom, day, l["subject"])
                    subj_count[key] = subj_count.get(key, 0) + 1
                if room_needed and n_rooms.get(room_needed):
                    room = place[2]
                    if room is None or room_kind.get(room) != room_needed:
                        hard["room_missing"] += 1
                    else:
                        room_use[(room, day, bell)] = room_use.get((room, day, bell), 0) + 1
    for (tid, day), busy in teacher_busy.items():
        hard["teacher_clash"] += sum(n - 1 for n in busy.values() if n > 1)
        mpd = tmap[tid]["max_per_day"]
        if mpd and len(busy) > mpd:
            hard["teacher_day_limit"] += len(busy) - mpd
    hard["room_clash"] = sum(n - 1 for n in room_use.values() if n > 1)
    for c in school.classes:
        first = school.shifts[c["shift"] - 1][0]
        for day in range(6):
            gap = over = 0
            for atom in atoms_of[c["id"]]:
                busy = atom_busy.get((c["id"], atom, day), {})
                hard["class_clash"] += sum(n - 1 for n in busy.values() if n > 1)
                if busy:
                    gap = max(gap, sum(1 for b in range(first, max(busy) + 1) if b not in busy))
                    over = max(over, len(busy) - c["max_per_day"])
            hard["pupil_gap"] += gap
            hard["class_day_limit"] += max(0, over)
    twice = {}
    for (cid, atom, day, subj), n in subj_count.items():
        key = (cid, day, subj)
        twice[key] = max(twice.get(key, 0), n - 1)
    hard["subject_twice"] = sum(twice.values())
    # Teacher gaps (soft): idle bells between two busy bells of one shift.
    gaps = 0
    for (tid, day), busy in teacher_busy.items():
        bells = sorted(busy)
        for p, q in zip(bells, bells[1:]):
            if q - p > 1 and shift_of_bell[p] == shift_of_bell[q]:
                gaps += q - p - 1
    return {"hard": hard, "hard_total": sum(hard.values()), "teacher_gap": gaps,
            "teachers": len(school.teachers),
            "gaps_per_teacher": gaps / max(1, len(school.teachers))}


def to_timetable_yaml(school, placements):
    """FET's timetable as a libschedule timetable file (lib/timetable_io.c): a lesson is
    named by class, subject, teacher or groups and its number n within its load line."""
    q = gen_school.q
    out = ["# FET's timetable of %s, seed %d (bench/fet_result.py)" % (school.size, school.seed),
           "timetable:", "  school: %s" % q(school.name), "  lessons:"]
    for li, parts in gen_school.fet_activities(school):
        l = school.lines[li]
        if "groups" in l:
            who = "groups: {%s}" % ", ".join("%s: %s" % (g, t) for g, t in l["groups"].items())
        else:
            who = "teacher: %s" % l["teacher"]
        for k in range(l["per_week"]):
            places = [placements.get(ids[k]) for _, _, ids in parts]
            head = "    - {class: %s, subject: %s, %s, n: %d" % (q(l["class"]), l["subject"],
                                                               who, k + 1)
            if any(p is None for p in places):
                out.append(head + ", day: ~}")
                continue
            day, bell, _ = places[0]
            rooms = ""
            if any(p[2] for p in places):
                rooms = ", rooms: [%s]" % ", ".join(q(p[2]) if p[2] else "~" for p in places)
            out.append(head + ", day: %s, period: %d%s}" % (gen_school.DAYS[day], bell, rooms))
    return "\n".join(out) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", required=True, choices=sorted(gen_school.SIZES))
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("result", help="fet-cl's *_activities.xml, or its --outputdir")
    ap.add_argument("-o", "--output", help="also write the timetable as a libschedule file")
    args = ap.parse_args(argv)
    path = args.result
    if os.path.isdir(path):
        path = find_activities_xml(path)
        if not path:
            print("fet_result: no timetables/*/*_activities.xml under %s" % args.result,
                  file=sys.stderr)
            return 2
    school = gen_school.generate(args.size, args.seed)
    placements = read_placements(path)
    r = check(school, placements)
    if args.output:
        gen_school.write_atomic(args.output, to_timetable_yaml(school, placements))
    bad = {k: v for k, v in r["hard"].items() if v}
    print("%s seed %d: hard %d %s; teacher gaps %d (%.2f per teacher)"
          % (args.size, args.seed, r["hard_total"], bad or "", r["teacher_gap"],
             r["gaps_per_teacher"]))
    return 1 if r["hard_total"] else 0


if __name__ == "__main__":
    sys.exit(main())
