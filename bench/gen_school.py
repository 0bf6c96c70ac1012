#!/usr/bin/env python3
"""Generates seeded synthetic Kyrgyz-style schools (YAML, docs/format.md; optionally FET .fet).

    gen_school.py --size M --seed 3 -o m3.yaml [--fet m3.fet]
    gen_school.py --self-test          # every size x seeds 1-5: the capacity arithmetic

Sizes: S (11 classes, 1 shift, ~20 teachers), M (30 classes, 2 shifts, ~55 teachers),
L (60 classes, 2 shifts, ~110 teachers), XL (90 classes, 3 shifts, ~160 teachers).

What the schools look like, and why:
- grades 1-11, one curriculum per grade summing to the planned weekly hours of the Kyrgyz
  basic curriculum (BUP 2018/19, ../shared/data/sanpin-difficulty.yaml, copied below so that
  the benchmark does not need ../shared at run time); a 5-day week for grade 1, 6 days else;
- grades 1, 5, 9, 10, 11 in the first shift (the sanitary rules ask it), the others in the
  second (and third) shift; shifts of 7 bells (6 with three shifts, whose lessons are 35 min);
- a Russian-medium school: Kyrgyz (state language) and English are split into two groups
  from grade 5, each group with its own teacher at the same time;
- grades 1-4 have a class teacher for the core subjects, specialists for the rest; the
  specialists get bundles (Russian + literature of a class, ...) packed along the shift and
  grade order, so that most teach in one shift and some across two;
- PE needs a gym, informatics a computer lab, with rooms enough for both;
- a few teachers are unavailable on a day or the first bells of a day, a few have a daily
  limit, departments have a methodical day (soft).
The generator checks the counting arguments (class and teacher capacity, days of a load
line) with slack and retries with another stream of the same seed when a check fails, so
every school it writes passes them; fet-cl solving the .fet twin is the stronger proof.
"""

import argparse
import math
import os
import random
import re
import sys
from xml.sax.saxutils import escape as xml_escape

# --- Data copied from ../shared/data/sanpin-difficulty.yaml ------------------------------

# Planned weekly hours by grade (Kyrgyz basic curriculum 2018/19: planned / upper limit).
WEEKLY_HOURS = {1: 20, 2: 22, 3: 24, 4: 25, 5: 29, 6: 30, 7: 30, 8: 30, 9: 30, 10: 29, 11: 30}

# Maximum lessons per day by grade (SanPiN 2.4.2.2821-10).
MAX_PER_DAY = {1: 4, 2: 5, 3: 5, 4: 5, 5: 6, 6: 6, 7: 7, 8: 7, 9: 7, 10: 7, 11: 7}

# Difficulty points: grades 1-4 one value, grades 5..9 one value each (None = not in the
# table). Grades 10-11 take the grade-9 value, as the data file advises.
DIFF_1_4 = {"math": 8, "russian": 7, "kyrgyz_language": 7, "foreign_language": 7,
            "natural_science": 6, "informatics": 6, "literature": 5, "history": 4, "art": 3,
            "music": 3, "labour": 2, "pe": 1}
DIFF_5_9 = {
    "chemistry": [None, None, 13, 10, 12],
    "geometry": [None, None, 12, 10, 8],
    "physics": [None, None, 8, 9, 13],
    "algebra": [None, None, 10, 9, 7],
    "economics": [None, None, None, None, 11],
    "drawing": [None, None, None, 5, 4],
    "world_art_culture": [None, None, 8, 5, 5],
    "biology": [10, 8, 7, 7, 7],
    "math": [10, 13, None, None, None],
    "foreign_language": [9, 11, 10, 8, 9],
    "russian": [8, 12, 11, 7, 6],
    "local_studies": [7, 9, 5, 5, None],
    "natural_science": [7, 8, None, None, None],
    "geography": [None, 7, 6, 6, 5],
    "civics": [None, 6, 9, 9, 5],
    "history": [5, 8, 6, 8, 10],
    "rhythmics": [4, 4, None, None, None],
    "labour": [4, 3, 2, 1, 4],
    "literature": [4, 6, 4, 4, 7],
    "art": [3, 3, 1, 3, None],
    "pe": [3, 4, 2, 2, 2],
    "ecology": [3, 3, 3, 6, 1],
    "music": [2, 1, 1, 1, None],
}

# --- Subjects ------------------------------------------------------------------------------

# id -> (Russian name, Kyrgyz name, row of the difficulty table, room kind).
# The table has no Kyrgyz-language row for grades 5-9: Kyrgyz is taught here as a language
# like Russian, so it takes the Russian row there (and its own value in grades 1-4). It has
# no informatics value after grade 4: the grade 1-4 value is kept for all grades.
SUBJECTS = {
    "russian": ("Русский язык", "Орус тили", "russian", None),
    "reading": ("Литературное чтение", "Адабий окуу", "literature", None),
    "literature": ("Русская литература", "Орус адабияты", "literature", None),
    "kyrgyz": ("Кыргызский язык", "Кыргыз тили", "kyrgyz_language", None),
    "english": ("Английский язык", "Англис тили", "foreign_language", None),
    "math": ("Математика", "Математика", "math", None),
    "algebra": ("Алгебра", "Алгебра", "algebra", None),
    "geometry": ("Геометрия", "Геометрия", "geometry", None),
    "informatics": ("Информатика", "Информатика", "informatics", "computer_lab"),
    "natural_science": ("Природоведение", "Табият таануу", "natural_science", None),
    "history": ("История", "Тарых", "history", None),
    "civics": ("Человек и общество", "Адам жана коом", "civics", None),
    "geography": ("География", "География", "geography", None),
    "biology": ("Биология", "Биология", "biology", None),
    "chemistry": ("Химия", "Химия", "chemistry", None),
    "physics": ("Физика", "Физика", "physics", None),
    "art": ("Изобразительное искусство", "Сүрөт искусствосу", "art", None),
    "music": ("Музыка", "Музыка", "music", None),
    "labour": ("Технология", "Технология", "labour", None),
    "pe": ("Физическая культура", "Дене тарбия", "pe", "gym"),
}

SPLIT_SUBJECTS = ("kyrgyz", "english")  # two groups each from grade 5
SPLIT_FROM_GRADE = 5
DIVISIONS = {"english": ("foreign", ("en1", "en2")), "kyrgyz": ("kyrgyz", ("ky1", "ky2"))}

# Weekly hours per grade; each sums to WEEKLY_HOURS (checked below). No subject has more
# lessons than the class has days, since a subject is taught at most once a day.
CURRICULUM = {
    1: {"russian": 4, "reading": 3, "math": 4, "kyrgyz": 3, "natural_science": 1, "art": 1,
        "music": 1, "labour": 1, "pe": 2},
    2: {"russian": 4, "reading": 3, "math": 4, "kyrgyz": 3, "english": 2, "natural_science": 1,
        "art": 1, "music": 1, "labour": 1, "pe": 2},
    3: {"russian": 4, "reading": 3, "math": 5, "kyrgyz": 3, "english": 2, "natural_science": 2,
        "art": 1, "music": 1, "labour": 1, "pe": 2},
    4: {"russian": 4, "reading": 3, "math": 5, "kyrgyz": 3, "english": 2, "natural_science": 2,
        "informatics": 1, "art": 1, "music": 1, "labour": 1, "pe": 2},
    5: {"russian": 4, "literature": 2, "kyrgyz": 4, "english": 3, "math": 5, "informatics": 1,
        "history": 2, "natural_science": 2, "art": 1, "music": 1, "labour": 2, "pe": 2},
    6: {"russian": 4, "literature": 2, "kyrgyz": 4, "english": 3, "math": 5, "informatics": 1,
        "history": 2, "geography": 2, "biology": 2, "art": 1, "music": 1, "labour": 1, "pe": 2},
    7: {"russian": 3, "literature": 2, "kyrgyz": 3, "english": 3, "algebra": 3, "geometry": 2,
        "informatics": 1, "physics": 2, "chemistry": 2, "biology": 2, "geography": 2,
        "history": 2, "labour": 1, "pe": 2},
    8: {"russian": 3, "literature": 2, "kyrgyz": 3, "english": 3, "algebra": 3, "geometry": 2,
        "informatics": 1, "physics": 2, "chemistry": 2, "biology": 2, "geography": 2,
        "history": 2, "civics": 1, "pe": 2},
    9: {"russian": 2, "literature": 3, "kyrgyz": 3, "english": 3, "algebra": 3, "geometry": 2,
        "informatics": 1, "physics": 2, "chemistry": 2, "biology": 2, "geography": 1,
        "history": 3, "civics": 1, "pe": 2},
    10: {"russian": 2, "literature": 3, "kyrgyz": 3, "english": 3, "algebra": 3, "geometry": 2,
         "informatics": 1, "physics": 3, "chemistry": 2, "biology": 2, "geography": 1,
         "history": 2, "pe": 2},
    11: {"russian": 2, "literature": 3, "kyrgyz": 3, "english": 3, "algebra": 3, "geometry": 2,
         "informatics": 1, "physics": 3, "chemistry": 2, "biology": 2, "geography": 1,
         "history": 2, "civics": 1, "pe": 2},
}

# Subjects a class teacher of grades 1-4 teaches in her own class.
PRIMARY_SUBJECTS = ("russian", "reading", "math", "natural_science", "art", "labour")

# Departments of specialists: the subjects one teacher teaches in a class as one bundle.
# A department too small for a teacher of its own joins the one named after "->".
DEPARTMENTS = {
    "rus": ("russian", "literature"),
    "kyr": ("kyrgyz",),
    "eng": ("english",),
    "mat": ("math", "algebra", "geometry"),
    "phy": ("physics", "informatics"),
    "chb": ("chemistry", "biology", "natural_science"),
    "geo": ("geography",),
    "his": ("history", "civics"),
    "mus": ("music",),
    "tec": ("labour", "art"),
    "pe": ("pe",),
}
SMALL_DEPARTMENT_JOINS = {"geo": "chb", "mus": "tec", "phy": "mat", "his": "rus", "tec": "pe"}

SIZES = {
    #      classes, shifts, bells per shift, lesson minutes, target teachers
    "S": (11, 1, 7, 45, 20),
    "M": (30, 2, 7, 45, 55),
    "L": (60, 2, 7, 45, 110),
    "XL": (90, 3, 6, 35, 160),
}

# Sanitary rules: grades 1, 5 and the graduating grades study in the first shift.
FIRST_SHIFT_GRADES = (1, 5, 9, 10, 11)
# The rest by shift, for two and three shifts.
OTHER_SHIFT_GRADES = {2: {2: (2, 3, 4, 6, 7, 8)}, 3: {2: (2, 6, 7), 3: (3, 4, 8)}}

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat")
DAY_NAMES_RU = ("Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота")
LETTERS = "АБВГДЕЖЗИКЛМН"

SURNAMES = [  # (male, female); ids are transliterated
    ("Асанов", "Асанова"), ("Бакиров", "Бакирова"), ("Токтогулов", "Токтогулова"),
    ("Жумабаев", "Жумабаева"), ("Осмонов", "Осмонова"), ("Садыков", "Садыкова"),
    ("Абдыкадыров", "Абдыкадырова"), ("Мамытов", "Мамытова"), ("Иманалиев", "Иманалиева"),
    ("Турдубаев", "Турдубаева"), ("Эсенов", "Эсенова"), ("Кадыров", "Кадырова"),
    ("Султанов", "Султанова"), ("Алиев", "Алиева"), ("Нурланов", "Нурланова"),
    ("Омуралиев", "Омуралиева"), ("Байзаков", "Байзакова"), ("Шаршенов", "Шаршенова"),
    ("Усенов", "Усенова"), ("Керимбеков", "Керимбекова"), ("Джолдошев", "Джолдошева"),
    ("Абдраев", "Абдраева"), ("Табылдиев", "Табылдиева"), ("Касымов", "Касымова"),
    ("Исаков", "Исакова"), ("Молдобаев", "Молдобаева"), ("Чыныбаев", "Чыныбаева"),
    ("Сатыбалдиев", "Сатыбалдиева"), ("Акматов", "Акматова"), ("Орозбеков", "Орозбекова"),
    ("Иванов", "Иванова"), ("Петров", "Петрова"), ("Смирнов", "Смирнова"),
    ("Козлов", "Козлова"), ("Новиков", "Новикова"), ("Ким", "Ким"),
    ("Пак", "Пак"), ("Тен", "Тен"), ("Юсупов", "Юсупова"), ("Рахимов", "Рахимова"),
]
TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяөүң",
                    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n",
                     "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "sch", "", "y",
                     "", "e", "yu", "ya", "o", "u", "ng"]))
INITIALS = "АБГДЕЖЗИКМНОРСТУЧШЭ"

# Slack the counting checks demand: a class or teacher may fill at most this share of the
# slots open to it.
CLASS_FILL_MAX = 0.85
TEACHER_FILL_MAX = 0.80
TEACHER_LOAD_MAX = 26  # lessons a week


class GenError(Exception):
    """A generated school failed a counting check (the caller retries)."""


def difficulty_by_grade(row):
    """The difficulty of a table row by grade 1..11 (grades without a value left out)."""
    out = {}
    for g in range(1, 12):
        if g <= 4:
            v = DIFF_1_4.get(row)
        elif row == "informatics":
            v = DIFF_1_4["informatics"]
        else:
            col = DIFF_5_9["russian"] if row == "kyrgyz_language" else DIFF_5_9.get(row)
            v = col[min(g, 9) - 5] if col else None
        if v is not None:
            out[g] = v
    return out


def ranges_of(by_grade, grades):
    """{1: 8, 2: 8, 5: 10} restricted to `grades` -> "{1-2: 8, 5: 10}" (runs of equal values)."""
    items = sorted((g, v) for g, v in by_grade.items() if g in grades)
    parts = []
    i = 0
    while i < len(items):
        j = i
        while (j + 1 < len(items) and items[j + 1][1] == items[i][1]
               and items[j + 1][0] == items[j][0] + 1):
            j += 1
        g0, g1 = items[i][0], items[j][0]
        key = str(g0) if g0 == g1 else "%d-%d" % (g0, g1)
        parts.append("%s: %d" % (key, items[i][1]))
        i = j + 1
    return "{" + ", ".join(parts) + "}"


# --- The school model the generator builds -------------------------------------------------


class School:
    def __init__(self):
        self.name = ""
        self.size = ""
        self.seed = 0
        self.n_shifts = 1
        self.shift_len = 7
        self.lesson_min = 45
        self.bells = []      # "HH:MM-HH:MM"
        self.shifts = []     # (first, last) 1-based bells
        self.classes = []    # dicts: id, grade, shift, pupils, week, max_per_day, split
        self.teachers = []   # dicts: id, name, subjects, unavailable{(day, bell)}, ...
        self.lines = []      # dicts: class, subject, per_week, teacher | groups{group: teacher}
        self.rooms = []      # (id, kind, capacity)
        self.subjects = []   # ids used

    def class_by_id(self):
        return {c["id"]: c for c in self.classes}


def make_bells(n_shifts, shift_len, lesson_min):
    """Bells of the day: 5-minute breaks, a 15-minute one after each shift's third lesson;
    one shift starts at 8:00, two or three at 7:30 (the second then starts at 13:30)."""
    t = 8 * 60 if n_shifts == 1 else 7 * 60 + 30
    bells, shifts = [], []
    for s in range(n_shifts):
        first = len(bells) + 1
        for p in range(shift_len):
            bells.append("%02d:%02d-%02d:%02d" % (t // 60, t % 60, (t + lesson_min) // 60,
                                                    (t + lesson_min) % 60))
            t += lesson_min + (15 if p == 2 else 5)
        shifts.append((first, len(bells)))
    return bells, shifts


def classes_per_grade(n_classes, rng):
    """How many parallel classes each grade has: younger grades a little more numerous."""
    if n_classes == 11:
        return {g: 1 for g in range(1, 12)}
    weights = {g: (1.0 if g <= 8 else 0.95 if g == 9 else 0.75) for g in range(1, 12)}
    total = sum(weights.values())
    raw = {g: n_classes * w / total for g, w in weights.items()}
    counts = {g: int(raw[g]) for g in raw}
    rest = n_classes - sum(counts.values())
    for g in sorted(raw, key=lambda g: (-(raw[g] - counts[g]), g))[:rest]:
        counts[g] += 1
    # Seeded jitter: move a class between two grades a few times.
    for _ in range(2):
        a, b = rng.sample(range(1, 12), 2)
        if counts[a] > 2:
            counts[a] -= 1
            counts[b] += 1
    return counts


def build_classes(school, rng):
    counts = classes_per_grade(SIZES[school.size][0], rng)
    shift_of = {g: 1 for g in range(1, 12)}
    if school.n_shifts > 1:
        for s, grades in OTHER_SHIFT_GRADES[school.n_shifts].items():
            for g in grades:
                shift_of[g] = s
    for g in range(1, 12):
        for k in range(counts[g]):
            cid = "%d%s" % (g, LETTERS[k])
            week = 5 if g == 1 else 6
            # Grade 1 may have 5 lessons on a day (SanPiN: "one day a week 5, if the 5th is
            # PE"); the rules cannot say "one day", so the class limit is 5 and the even-days
            # soft term (class_balance) keeps its days at 4.
            maxpd = 5 if g == 1 else MAX_PER_DAY[g]
            pupils = rng.randint(22, 30) if g < 10 else rng.randint(16, 26)
            school.classes.append({"id": cid, "grade": g, "shift": shift_of[g], "pupils": pupils,
                                   "week": week, "max_per_day": maxpd,
                                   "split": g >= SPLIT_FROM_GRADE})


def class_capacity(school, c):
    return c["week"] * min(school.shift_len, c["max_per_day"])


# --- Teachers ------------------------------------------------------------------------------


class Namer:
    def __init__(self, rng):
        self.rng = rng
        self.used_ids = set()
        self.used_names = set()

    def new(self, female_share=0.75):
        rng = self.rng
        for _ in range(1000):
            m, f = rng.choice(SURNAMES)
            female = rng.random() < female_share
            surname = f if female else m
            name = "%s %s.%s." % (surname, rng.choice(INITIALS), rng.choice(INITIALS))
            if name in self.used_names:
                continue
            base = "".join(TRANSLIT.get(ch, ch) for ch in surname.lower())
            tid = base
            k = 2
            while tid in self.used_ids:
                tid = "%s%d" % (base, k)
                k += 1
            self.used_ids.add(tid)
            self.used_names.add(name)
            return tid, name
        raise GenError("ran out of teacher names")


def work_items(school):
    """Per department: [(shift, grade, class, group, subjects, hours)] of specialist work."""
    items = {d: [] for d in DEPARTMENTS}
    subj_dept = {s: d for d, subs in DEPARTMENTS.items() for s in subs}
    for c in school.classes:
        cur = CURRICULUM[c["grade"]]
        bundles = {}
        for subj, hours in cur.items():
            if c["grade"] <= 4 and subj in PRIMARY_SUBJECTS:
                continue
            bundles.setdefault(subj_dept[subj], []).append((subj, hours))
        for dept, subs in bundles.items():
            split = [s for s in subs if s[0] in SPLIT_SUBJECTS and c["split"]]
            whole = [s for s in subs if not (s[0] in SPLIT_SUBJECTS and c["split"])]
            if whole:
                items[dept].append((c["shift"], c["grade"], c["id"], None,
                                    tuple(s for s, _ in whole), sum(h for _, h in whole)))
            for subj, hours in split:
                for gi, group in enumerate(DIVISIONS[subj][1]):
                    items[dept].append((c["shift"], c["grade"], c["id"], gi, (subj,), hours))
    return items


def assign_specialists(school, rng, namer, teacher_load_target):
    """Packs each department's work along shift/grade order into teachers; returns
    {(class, subject, group index or None): teacher id} and the teacher dicts."""
    items = work_items(school)
    # Join departments too small for a teacher of their own.
    for small, big in SMALL_DEPARTMENT_JOINS.items():
        if small in items and big in items and 0 < sum(i[5] for i in items[small]) < 10:
            items[big].extend(items.pop(small))
    assignment = {}
    teachers = []
    for dept in sorted(items):
        its = items[dept]
        if not its:
            continue
        total = sum(i[5] for i in its)
        n = max(1, round(total / teacher_load_target))
        if total / n > TEACHER_LOAD_MAX - 3:
            n = math.ceil(total / (TEACHER_LOAD_MAX - 3))
        if any(i[3] is not None for i in its):
            n = max(n, 2)
        # Within a shift: whole classes, then the first groups, then the second groups, by
        # grade, so that a class's two groups rarely meet in one teacher's run (clashes are
        # swapped away below).
        its = sorted(its, key=lambda i: (i[0], -1 if i[3] is None else i[3], i[1], i[2]))
        loads = [0] * n
        owner = [0] * len(its)
        # Even shares with a little seeded variation, never above the weekly maximum.
        share = total / n
        targets = [share * rng.uniform(0.9, 1.1) for _ in range(n)]
        t = 0
        for k, it in enumerate(its):
            while t < n - 1 and (loads[t] + it[5] > TEACHER_LOAD_MAX or
                                 loads[t] + it[5] / 2 > targets[t]):
                t += 1
            owner[k] = t
            loads[t] += it[5]
        # The last teacher may be overfull: hand items back to the least loaded.
        for k in reversed(range(len(its))):
            t = owner[k]
            if loads[t] <= TEACHER_LOAD_MAX:
                continue
            u = min(range(n), key=lambda x: loads[x])
            if loads[u] + its[k][5] <= TEACHER_LOAD_MAX:
                owner[k] = u
                loads[t] -= its[k][5]
                loads[u] += its[k][5]
        if max(loads) > TEACHER_LOAD_MAX:
            raise GenError("department %s over the weekly maximum" % dept)
        fix_split_owners(its, owner, loads)
        ids = []
        subjects_of = [set() for _ in range(n)]
        for k, it in enumerate(its):
            subjects_of[owner[k]].update(it[4])
        for t in range(n):
            if loads[t] == 0:
                raise GenError("department %s: a teacher without lessons" % dept)
            tid, name = namer.new()
            ids.append(tid)
            teachers.append({"id": tid, "name": name, "dept": dept,
                             "subjects": sorted(subjects_of[t]), "unavailable": set(),
                             "unavailable_days": [], "max_per_day": 0, "max_days": 0,
                             "methodical_day": None, "primary": False})
        for k, it in enumerate(its):
            for subj in it[4]:
                assignment[(it[2], subj, it[3])] = ids[owner[k]]
    return assignment, teachers


def fix_split_owners(its, owner, loads):
    """Both groups of a split subject of one class must have different teachers: swap one
    group with an item of the same hours held by another teacher, where that breaks no pair."""
    def group_owner(cls, subj, gi):
        for k, it in enumerate(its):
            if it[2] == cls and it[3] == gi and subj in it[4]:
                return owner[k]
        return None

    for k, it in enumerate(its):
        if it[3] != 1:
            continue
        cls, subj = it[2], it[4][0]
        if group_owner(cls, subj, 0) != owner[k]:
            continue
        t = owner[k]
        done = False
        # Prefer a swap partner in the same shift.
        cands = sorted(range(len(its)), key=lambda j: (its[j][0] != it[0], abs(its[j][1] - it[1])))
        for j in cands:
            o = its[j]
            u = owner[j]
            if u == t or o[4] != it[4]:
                continue
            if (loads[t] - it[5] + o[5] > TEACHER_LOAD_MAX or
                    loads[u] - o[5] + it[5] > TEACHER_LOAD_MAX):
                continue
            # After the swap, t holds o and u holds it: no class may end up with both groups
            # in one teacher.
            if o[3] is not None and group_owner(o[2], o[4][0], 1 - o[3]) == t:
                continue
            if group_owner(cls, subj, 0) == u:
                continue
            owner[k], owner[j] = u, t
            loads[t] += o[5] - it[5]
            loads[u] += it[5] - o[5]
            done = True
            break
        if not done:
            raise GenError("cannot give the two groups of %s %s different teachers" % (cls, subj))


def assign_teachers(school, rng):
    namer = Namer(rng)
    n_target = SIZES[school.size][4]
    primary_classes = [c for c in school.classes if c["grade"] <= 4]
    # Specialist load target chosen so that the whole school lands near the target count.
    items = work_items(school)
    spec_total = sum(i[5] for its in items.values() for i in its)
    n_spec = max(1, n_target - len(primary_classes))
    load_target = max(14.0, min(23.0, spec_total / n_spec * 1.04))
    assignment, teachers = assign_specialists(school, rng, namer, load_target)
    for c in primary_classes:
        tid, name = namer.new(female_share=0.95)
        subs = [s for s in PRIMARY_SUBJECTS if s in CURRICULUM[c["grade"]]]
        teachers.append({"id": tid, "name": name, "dept": "primary", "subjects": subs,
                         "unavailable": set(), "unavailable_days": [], "max_per_day": 0,
                         "max_days": 0, "methodical_day": None, "primary": True})
        for s in subs:
            assignment[(c["id"], s, None)] = tid
    school.teachers = sorted(teachers, key=lambda t: (t["dept"] == "primary", t["dept"], t["id"]))
    # Load lines, in class order.
    for c in school.classes:
        for subj, hours in CURRICULUM[c["grade"]].items():
            if subj in SPLIT_SUBJECTS and c["split"]:
                groups = {DIVISIONS[subj][1][gi]: assignment[(c["id"], subj, gi)] for gi in (0, 1)}
                school.lines.append({"class": c["id"], "subject": subj, "per_week": hours,
                                     "groups": groups})
            else:
                school.lines.append({"class": c["id"], "subject": subj, "per_week": hours,
                                     "teacher": assignment[(c["id"], subj, None)]})
    school.subjects = [s for s in SUBJECTS if any(l["subject"] == s for l in school.lines)]


def line_teachers(line):
    return list(line["groups"].values()) if "groups" in line else [line["teacher"]]


def teacher_lines(school):
    out = {t["id"]: [] for t in school.teachers}
    for l in school.lines:
        for t in line_teachers(l):
            out[t].append(l)
    return out


def add_teacher_wishes(school, rng):
    """Unavailable days and bells, daily limits and methodical days; a hard wish that would
    leave a teacher or a load line without its slack is dropped again."""
    cls = school.class_by_id()
    lines_of = teacher_lines(school)
    tmap = {t["id"]: t for t in school.teachers}
    dept_day = {}
    for t in school.teachers:
        lines = lines_of[t["id"]]
        load = sum(l["per_week"] for l in lines)
        shifts = sorted({cls[l["class"]]["shift"] for l in lines})
        if t["primary"]:
            continue
        # Departments meet on one methodical day (Tuesday..Friday), wished free.
        if t["dept"] not in dept_day:
            dept_day[t["dept"]] = rng.randrange(1, 5)
        if load <= 22 and rng.random() < 0.7:
            t["methodical_day"] = dept_day[t["dept"]]
        r = rng.random()
        saved = (list(t["unavailable_days"]), set(t["unavailable"]), t["max_per_day"])
        if r < 0.10:
            # Works elsewhere one day a week (not on the methodical day).
            day = rng.choice([d for d in range(6) if d != t["methodical_day"]])
            t["unavailable_days"].append(day)
        elif r < 0.18:
            # Cannot come to the first two bells of a shift on one day.
            first = school.shifts[rng.choice(shifts) - 1][0]
            day = rng.randrange(6)
            t["unavailable"].update({(day, first), (day, first + 1)})
        elif r < 0.26:
            t["max_per_day"] = 5 if load <= 16 else 6
        if (teacher_problem(school, t, lines, cls) or
                any(line_problem(l, cls, tmap) for l in lines)):
            t["unavailable_days"], t["unavailable"], t["max_per_day"] = saved
        if load <= 12 and rng.random() < 0.5:
            t["max_days"] = 4


def teacher_problem(school, t, lines, cls):
    """Why a teacher's week has too little slack, or None."""
    load = sum(l["per_week"] for l in lines)
    if load > TEACHER_LOAD_MAX:
        return "teacher %s: %d lessons a week" % (t["id"], load)
    # Slots open to the teacher: in the shift, week and daily window of a class it teaches,
    # and not unavailable; per day at most its daily limit.
    open_slots = set()
    for l in lines:
        c = cls[l["class"]]
        first = school.shifts[c["shift"] - 1][0]
        for d in range(c["week"]):
            if d in t["unavailable_days"]:
                continue
            for p in range(min(school.shift_len, c["max_per_day"])):
                if (d, first + p) not in t["unavailable"]:
                    open_slots.add((d, first + p))
    cap = 0
    for d in range(6):
        n = sum(1 for (dd, _) in open_slots if dd == d)
        cap += min(n, t["max_per_day"]) if t["max_per_day"] else n
    if load > TEACHER_FILL_MAX * cap:
        return "teacher %s: %d lessons in %d open slots" % (t["id"], load, cap)
    return None


def line_problem(l, cls, tmap):
    """A subject is taught at most once a day, on a day every teacher of the line can come,
    with a day to spare when a teacher is away a whole day."""
    c = cls[l["class"]]
    days = set(range(c["week"]))
    for tid in line_teachers(l):
        days -= set(tmap[tid]["unavailable_days"])
    spare = 1 if len(days) < c["week"] else 0
    if l["per_week"] + spare > len(days):
        return "%s %s: %d lessons on %d days" % (l["class"], l["subject"], l["per_week"], len(days))
    if "groups" in l and len(set(l["groups"].values())) != len(l["groups"]):
        return "%s %s: one teacher for two groups" % (l["class"], l["subject"])
    return None


def check_capacity(school):
    """The counting arguments, with slack. Raises GenError on the first failure."""
    cls = school.class_by_id()
    # Classes: lessons <= week x min(shift length, lessons a day allowed).
    for c in school.classes:
        total = sum(CURRICULUM[c["grade"]].values())
        if total != WEEKLY_HOURS[c["grade"]]:
            raise GenError("grade %d curriculum sums to %d, not %d"
                           % (c["grade"], total, WEEKLY_HOURS[c["grade"]]))
        cap = class_capacity(school, c)
        if total > CLASS_FILL_MAX * cap:
            raise GenError("class %s: %d lessons in %d slots" % (c["id"], total, cap))
        for subj, hours in CURRICULUM[c["grade"]].items():
            if hours > c["week"]:
                raise GenError("class %s: %s %d times in a %d-day week"
                               % (c["id"], subj, hours, c["week"]))
    lines_of = teacher_lines(school)
    tmap = {t["id"]: t for t in school.teachers}
    for t in school.teachers:
        why = teacher_problem(school, t, lines_of[t["id"]], cls)
        if why:
            raise GenError(why)
    for l in school.lines:
        why = line_problem(l, cls, tmap)
        if why:
            raise GenError(why)


def add_rooms(school):
    """Gyms and computer labs: enough that at most ~60% of a shift's slots need each one."""
    for kind, subj, prefix, cap in (("gym", "pe", "gym", 60), ("computer_lab", "informatics", "lab", 32)):
        need = 1
        for s in range(1, school.n_shifts + 1):
            n = sum(l["per_week"] for l in school.lines
                    if l["subject"] == subj and school.class_by_id()[l["class"]]["shift"] == s)
            need = max(need, math.ceil(n / (0.6 * 6 * min(school.shift_len, 6))))
        for k in range(need):
            school.rooms.append(("%s%d" % (prefix, k + 1), kind, cap))


def generate(size, seed):
    if size not in SIZES:
        raise ValueError("unknown size %r (S, M, L, XL)" % size)
    last = None
    # A failed check retries with another stream of the same seed: still deterministic.
    for attempt in range(50):
        rng = random.Random("%s-%d-%d" % (size, seed, attempt))
        school = School()
        school.size, school.seed = size, seed
        n_classes, school.n_shifts, school.shift_len, school.lesson_min, _ = SIZES[size]
        school.name = "Синтетическая школа %s-%d (Ош)" % (size, seed)
        school.bells, school.shifts = make_bells(school.n_shifts, school.shift_len,
                                                 school.lesson_min)
        try:
            build_classes(school, rng)
            assign_teachers(school, rng)
            add_teacher_wishes(school, rng)
            check_capacity(school)
            add_rooms(school)
            return school
        except GenError as e:
            last = e
    raise GenError("size %s seed %d: no school passed the checks (last: %s)" % (size, seed, last))


# --- YAML ------------------------------------------------------------------------------------


def q(s):
    """A double-quoted YAML scalar."""
    return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'


def bell_ranges(bells):
    """Sorted bell numbers -> ["1-2", "5"]."""
    out, i = [], 0
    bells = sorted(bells)
    while i < len(bells):
        j = i
        while j + 1 < len(bells) and bells[j + 1] == bells[j] + 1:
            j += 1
        out.append(str(bells[i]) if i == j else "%d-%d" % (bells[i], bells[j]))
        i = j + 1
    return out


def to_yaml(school):
    o = []
    w = o.append
    w("# Synthetic Kyrgyz-style school %s, seed %d: bench/gen_school.py --size %s --seed %d"
      % (school.size, school.seed, school.size, school.seed))
    w("# %d classes, %d teachers, %d shift(s), %d lessons a week."
      % (len(school.classes), len(school.teachers), school.n_shifts,
         sum(l["per_week"] for l in school.lines)))
    w("school:")
    w("  name: %s" % q(school.name))
    w("  year: 2026-2027")
    w("  days: [%s]" % ", ".join(DAYS))
    w("")
    w("bells: [%s]" % ", ".join(q(b) for b in school.bells))
    w("")
    w("shifts:")
    for i, (a, b) in enumerate(school.shifts):
        w("  %d: {name: %s, periods: %d-%d}" % (i + 1, q("%d смена" % (i + 1)), a, b))
    w("")
    w("rules: {late_start: false, subject_once_a_day: true, hard_difficulty: 8}")
    w("max_lessons_per_day: {1: 4, 2-4: 5, 5-6: 6, 7-12: 7}")
    w("")
    w("subjects:")
    grades_of = {}
    cls = school.class_by_id()
    for l in school.lines:
        grades_of.setdefault(l["subject"], set()).add(cls[l["class"]]["grade"])
    for s in school.subjects:
        ru, ky, row, room = SUBJECTS[s]
        w("  %s:" % s)
        w("    name: {ru: %s, ky: %s}" % (q(ru), q(ky)))
        w("    difficulty: %s" % ranges_of(difficulty_by_grade(row), grades_of[s]))
        if room:
            w("    room: %s" % room)
        if s == "pe":
            w("    avoid_periods: [1]")
    w("")
    w("teachers:")
    for t in school.teachers:
        w("  %s:" % t["id"])
        w("    name: %s" % q(t["name"]))
        w("    subjects: [%s]" % ", ".join(t["subjects"]))
        un = [DAYS[d] for d in sorted(t["unavailable_days"])]
        by_day = {}
        for d, b in t["unavailable"]:
            by_day.setdefault(d, []).append(b)
        for d in sorted(by_day):
            for r in bell_ranges(by_day[d]):
                un.append(q("%s %s" % (DAYS[d], r)))
        if un:
            w("    unavailable: [%s]" % ", ".join(un))
        if t["max_per_day"]:
            w("    max_per_day: %d" % t["max_per_day"])
        if t["max_days"]:
            w("    max_days: %d" % t["max_days"])
        if t["methodical_day"] is not None:
            w("    methodical_day: %s" % DAYS[t["methodical_day"]])
    w("")
    w("classes:")
    for c in school.classes:
        extra = ""
        if c["week"] != 6:
            extra += ", week: %d" % c["week"]
        if c["max_per_day"] != MAX_PER_DAY[c["grade"]]:
            extra += ", max_per_day: %d" % c["max_per_day"]
        if c["split"]:
            extra += ", divisions: {%s}" % ", ".join(
                "%s: [%s]" % (DIVISIONS[s][0], ", ".join(DIVISIONS[s][1])) for s in SPLIT_SUBJECTS[::-1])
        w("  %s: {grade: %d, shift: %d, pupils: %d%s}"
          % (q(c["id"]), c["grade"], c["shift"], c["pupils"], extra))
    w("")
    w("rooms:")
    for rid, kind, cap in school.rooms:
        w("  %s: {kind: %s, capacity: %d}" % (rid, kind, cap))
    w("")
    w("lessons:")
    for l in school.lines:
        if "groups" in l:
            g = ", ".join("%s: %s" % (k, v) for k, v in l["groups"].items())
            w("  - {class: %s, subject: %s, per_week: %d, groups: {%s}}"
              % (q(l["class"]), l["subject"], l["per_week"], g))
        else:
            w("  - {class: %s, subject: %s, teacher: %s, per_week: %d}"
              % (q(l["class"]), l["subject"], l["teacher"], l["per_week"]))
    return "\n".join(o) + "\n"


# --- FET -------------------------------------------------------------------------------------


def fet_activities(school):
    """FET activities of each load line: [(line index, [(teacher, students, [ids])])]. A line
    of n lessons is one activity split into n; a split line has one such per group."""
    out = []
    next_id = 1
    for li, l in enumerate(school.lines):
        parts = ([(l["teacher"], l["class"])] if "groups" not in l else
                 [(tid, "%s %s" % (l["class"], g)) for g, tid in l["groups"].items()])
        res = []
        for tid, students in parts:
            ids = list(range(next_id, next_id + l["per_week"]))
            next_id += l["per_week"]
            res.append((tid, students, ids))
        out.append((li, res))
    return out


def to_fet(school):
    """The same school in FET's .fet XML (the shape of ../shared/data/fet, read by FET 6).

    Mapping: a class is a year; its divisions are groups ("5А en1") whose subgroups are the
    combinations ("5А en1 ky1"); a split lesson is one activity per group, tied by
    ConstraintActivitiesSameStartingTime; a shift is the students' not-available times
    outside it (and Saturday for a 5-day week); no pupil gaps and the first lesson at the
    shift's first bell are ConstraintStudentsMaxGapsPerWeek 0 and
    ConstraintStudentsEarlyMaxBeginningsAtSecondHour 0 (FET skips not-available slots when
    it counts both); a subject once a day is ConstraintMinDaysBetweenActivities 1 (100%).
    Soft terms of libschedule have no FET twin here except a bound on teacher gaps.
    """
    o = []
    w = o.append
    x = xml_escape
    hours = ["%d" % (i + 1) for i in range(len(school.bells))]
    w('<?xml version="1.0" encoding="UTF-8"?>')
    w("")
    w('<fet version="6.8.5">')
    w("")
    w("<Institution_Name>%s</Institution_Name>" % x(school.name))
    w("")
    w("<Comments>bench/gen_school.py --size %s --seed %d</Comments>" % (school.size, school.seed))
    w("")
    w("<Days_List>")
    w("<Number_of_Days>%d</Number_of_Days>" % len(DAYS))
    for d in DAYS:
        w("<Day>\n\t<Name>%s</Name>\n</Day>" % d)
    w("</Days_List>")
    w("")
    w("<Hours_List>")
    w("<Number_of_Hours>%d</Number_of_Hours>" % len(hours))
    for h in hours:
        w("<Hour>\n\t<Name>%s</Name>\n</Hour>" % h)
    w("</Hours_List>")
    w("")
    w("<Subjects_List>")
    for s in school.subjects:
        w("<Subject>\n\t<Name>%s</Name>\n\t<Comments>%s / %s</Comments>\n</Subject>"
          % (s, x(SUBJECTS[s][0]), x(SUBJECTS[s][1])))
    w("</Subjects_List>")
    w("")
    w("<Activity_Tags_List>\n</Activity_Tags_List>")
    w("")
    w("<Teachers_List>")
    for t in school.teachers:
        w("<Teacher>\n\t<Name>%s</Name>\n\t<Target_Number_of_Hours>0</Target_Number_of_Hours>"
          "\n\t<Qualified_Subjects>\n\t</Qualified_Subjects>\n\t<Comments>%s</Comments>\n</Teacher>"
          % (t["id"], x(t["name"])))
    w("</Teachers_List>")
    w("")
    w("<Students_List>")
    for c in school.classes:
        cid = c["id"]
        w("<Year>\n\t<Name>%s</Name>\n\t<Number_of_Students>%d</Number_of_Students>"
          "\n\t<Comments></Comments>" % (x(cid), c["pupils"]))
        if c["split"]:
            en, ky = DIVISIONS["english"][1], DIVISIONS["kyrgyz"][1]
            subgroups = {g: [] for g in en + ky}
            for a in en:
                for b in ky:
                    sg = "%s %s %s" % (cid, a, b)
                    subgroups[a].append(sg)
                    subgroups[b].append(sg)
            for g in en + ky:
                w("\t<Group>\n\t\t<Name>%s %s</Name>\n\t\t<Number_of_Students>0</Number_of_Students>"
                  "\n\t\t<Comments></Comments>" % (x(cid), g))
                for sg in subgroups[g]:
                    w("\t\t<Subgroup>\n\t\t\t<Name>%s</Name>\n\t\t\t<Number_of_Students>0"
                      "</Number_of_Students>\n\t\t\t<Comments></Comments>\n\t\t</Subgroup>" % x(sg))
                w("\t</Group>")
        w("</Year>")
    w("</Students_List>")
    w("")
    acts = []          # xml strings
    min_days = []      # lists of activity ids
    same_start = []    # lists of ids
    for (li, parts) in fet_activities(school):
        l = school.lines[li]
        n = l["per_week"]
        for tid, students, ids in parts:
            for i in ids:
                acts.append("<Activity>\n\t<Teacher>%s</Teacher>\n\t<Subject>%s</Subject>"
                            "\n\t<Students>%s</Students>\n\t<Duration>1</Duration>"
                            "\n\t<Total_Duration>%d</Total_Duration>\n\t<Id>%d</Id>"
                            "\n\t<Activity_Group_Id>%d</Activity_Group_Id>\n\t<Active>true</Active>"
                            "\n\t<Comments></Comments>\n</Activity>"
                            % (tid, l["subject"], x(students), n, i, ids[0] if n > 1 else 0))
            if n > 1:
                min_days.append(ids)
        if len(parts) > 1:
            for k in range(n):
                same_start.append([ids[k] for _, _, ids in parts])
    w("<Activities_List>")
    o.extend(acts)
    w("</Activities_List>")
    w("")
    w("<Buildings_List>\n</Buildings_List>")
    w("")
    w("<Rooms_List>")
    for rid, kind, cap in school.rooms:
        w("<Room>\n\t<Name>%s</Name>\n\t<Building></Building>\n\t<Capacity>%d</Capacity>"
          "\n\t<Virtual>false</Virtual>\n\t<Comments>%s</Comments>\n</Room>" % (rid, cap, kind))
    w("</Rooms_List>")
    w("")
    w("<Time_Constraints_List>")
    w("<ConstraintBasicCompulsoryTime>\n\t<Weight_Percentage>100</Weight_Percentage>"
      "\n\t<Active>true</Active>\n\t<Comments></Comments>\n</ConstraintBasicCompulsoryTime>")

    def not_available(tag, who_tag, who, slots):
        s = ["<%s>" % tag, "\t<Weight_Percentage>100</Weight_Percentage>",
             "\t<%s>%s</%s>" % (who_tag, x(who), who_tag),
             "\t<Number_of_Not_Available_Times>%d</Number_of_Not_Available_Times>" % len(slots)]
        for d, b in sorted(slots):
            s.append("\t<Not_Available_Time>\n\t\t<Day>%s</Day>\n\t\t<Hour>%s</Hour>"
                     "\n\t</Not_Available_Time>" % (DAYS[d], hours[b - 1]))
        s += ["\t<Active>true</Active>", "\t<Comments></Comments>", "</%s>" % tag]
        return "\n".join(s)

    for t in school.teachers:
        slots = set(t["unavailable"])
        for d in t["unavailable_days"]:
            slots.update((d, b) for b in range(1, len(hours) + 1))
        if slots:
            w(not_available("ConstraintTeacherNotAvailableTimes", "Teacher", t["id"], slots))
    for c in school.classes:
        first, last = school.shifts[c["shift"] - 1]
        slots = {(d, b) for d in range(6) for b in range(1, len(hours) + 1)
                 if d >= c["week"] or b < first or b > last}
        if slots:
            w(not_available("ConstraintStudentsSetNotAvailableTimes", "Students", c["id"], slots))
    for c in school.classes:
        w("<ConstraintStudentsSetMaxHoursDaily>\n\t<Weight_Percentage>100</Weight_Percentage>"
          "\n\t<Maximum_Hours_Daily>%d</Maximum_Hours_Daily>\n\t<Students>%s</Students>"
          "\n\t<Active>true</Active>\n\t<Comments></Comments>\n</ConstraintStudentsSetMaxHoursDaily>"
          % (min(c["max_per_day"], school.shift_len), x(c["id"])))
    for t in school.teachers:
        if t["max_per_day"]:
            w("<ConstraintTeacherMaxHoursDaily>\n\t<Weight_Percentage>100</Weight_Percentage>"
              "\n\t<Teacher_Name>%s</Teacher_Name>\n\t<Maximum_Hours_Daily>%d</Maximum_Hours_Daily>"
              "\n\t<Active>true</Active>\n\t<Comments></Comments>\n</ConstraintTeacherMaxHoursDaily>"
              % (t["id"], t["max_per_day"]))
    w("<ConstraintStudentsMaxGapsPerWeek>\n\t<Weight_Percentage>100</Weight_Percentage>"
      "\n\t<Max_Gaps>0</Max_Gaps>\n\t<Active>true</Active>\n\t<Comments></Comments>"
      "\n</ConstraintStudentsMaxGapsPerWeek>")
    w("<ConstraintStudentsEarlyMaxBeginningsAtSecondHour>\n\t<Weight_Percentage>100"
      "</Weight_Percentage>\n\t<Max_Beginnings_At_Second_Hour>0</Max_Beginnings_At_Second_Hour>"
      "\n\t<Active>true</Active>\n\t<Comments></Comments>"
      "\n</ConstraintStudentsEarlyMaxBeginningsAtSecondHour>")
    w("<ConstraintTeachersMaxGapsPerWeek>\n\t<Weight_Percentage>100</Weight_Percentage>"
      "\n\t<Max_Gaps>6</Max_Gaps>\n\t<Active>true</Active>\n\t<Comments></Comments>"
      "\n</ConstraintTeachersMaxGapsPerWeek>")
    for ids in min_days:
        w("<ConstraintMinDaysBetweenActivities>\n\t<Weight_Percentage>100</Weight_Percentage>"
          "\n\t<Consecutive_If_Same_Day>true</Consecutive_If_Same_Day>"
          "\n\t<Number_of_Activities>%d</Number_of_Activities>\n%s\n\t<MinDays>1</MinDays>"
          "\n\t<Active>true</Active>\n\t<Comments></Comments>\n</ConstraintMinDaysBetweenActivities>"
          % (len(ids), "\n".join("\t<Activity_Id>%d</Activity_Id>" % i for i in ids)))
    for ids in same_start:
        w("<ConstraintActivitiesSameStartingTime>\n\t<Weight_Percentage>100</Weight_Percentage>"
          "\n\t<Number_of_Activities>%d</Number_of_Activities>\n%s"
          "\n\t<Active>true</Active>\n\t<Comments></Comments>\n</ConstraintActivitiesSameStartingTime>"
          % (len(ids), "\n".join("\t<Activity_Id>%d</Activity_Id>" % i for i in ids)))
    w("</Time_Constraints_List>")
    w("")
    w("<Space_Constraints_List>")
    w("<ConstraintBasicCompulsorySpace>\n\t<Weight_Percentage>100</Weight_Percentage>"
      "\n\t<Active>true</Active>\n\t<Comments></Comments>\n</ConstraintBasicCompulsorySpace>")
    for kind, subj in (("gym", "pe"), ("computer_lab", "informatics")):
        rooms = [r for r, k, _ in school.rooms if k == kind]
        if subj not in school.subjects or not rooms:
            continue
        w("<ConstraintSubjectPreferredRooms>\n\t<Weight_Percentage>100</Weight_Percentage>"
          "\n\t<Subject>%s</Subject>\n\t<Number_of_Preferred_Rooms>%d</Number_of_Preferred_Rooms>\n%s"
          "\n\t<Active>true</Active>\n\t<Comments></Comments>\n</ConstraintSubjectPreferredRooms>"
          % (subj, len(rooms), "\n".join("\t<Preferred_Room>%s</Preferred_Room>" % r for r in rooms)))
    w("</Space_Constraints_List>")
    w("")
    w("</fet>")
    return "\n".join(o) + "\n"


# --- Reports and self-test -------------------------------------------------------------------


def summary(school):
    lines_of = teacher_lines(school)
    loads = sorted(sum(l["per_week"] for l in lines_of[t["id"]]) for t in school.teachers)
    cls = school.class_by_id()
    multi = sum(1 for t in school.teachers
                if len({cls[l["class"]]["shift"] for l in lines_of[t["id"]]}) > 1)
    return ("%s seed %d: %d classes, %d teachers (%d in two shifts), %d shift(s) x %d bells, "
            "%d lessons, %d teacher-lessons, teacher load %d..%d (median %d), rooms %s"
            % (school.size, school.seed, len(school.classes), len(school.teachers), multi,
               school.n_shifts, school.shift_len, sum(l["per_week"] for l in school.lines),
               sum(loads), loads[0], loads[-1], loads[len(loads) // 2],
               ",".join(r for r, _, _ in school.rooms)))


def check_against_shared():
    """Compares the copied tables with ../shared/data/sanpin-difficulty.yaml when present."""
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "..", "shared", "data", "sanpin-difficulty.yaml")
    if not os.path.exists(path):
        return "skipped (no ../shared)"
    text = open(path, encoding="utf-8").read()
    for g, h in WEEKLY_HOURS.items():
        if not re.search(r"^\s+%d: \[%d," % (g, h), text, re.M):
            raise AssertionError("weekly_hours of grade %d differ from %s" % (g, path))
    block = text.split("grades_1_4:")[1].split("grades_5_9:")[0]
    for k, v in DIFF_1_4.items():
        if not re.search(r"^\s+%s: %d\b" % (k, v), block, re.M):
            raise AssertionError("grades_1_4 %s differs" % k)
    block = text.split("grades_5_9:")[1].split("# Placement")[0]
    for k, row in DIFF_5_9.items():
        m = re.search(r"^\s+%s:\s+\[([^\]]*)\]" % k, block, re.M)
        vals = [None if v.strip() == "-" else int(v) for v in m.group(1).split(",")]
        if vals != row:
            raise AssertionError("grades_5_9 %s differs" % k)
    return "ok"


def self_test(seeds):
    print("sanpin tables vs ../shared: %s" % check_against_shared())
    for size in SIZES:
        for seed in seeds:
            s = generate(size, seed)
            a, b = to_yaml(s), to_fet(s)
            if to_yaml(generate(size, seed)) != a:
                raise AssertionError("size %s seed %d is not deterministic" % (size, seed))
            print(summary(s) + "; yaml %d KB, fet %d KB" % (len(a) // 1024, len(b.encode()) // 1024))


def write_atomic(path, text):
    tmp = path + ".tmp%d" % os.getpid()
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", choices=sorted(SIZES), help="S, M, L or XL")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", help="the YAML school (default: stdout)")
    ap.add_argument("--fet", metavar="FILE", help="also write the school as a FET .fet file")
    ap.add_argument("--self-test", action="store_true",
                    help="generate every size for seeds 1-5 and check the counting arguments")
    ap.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")
    args = ap.parse_args(argv)
    if args.self_test:
        self_test(range(1, 6))
        return 0
    if not args.size:
        ap.error("--size is required")
    try:
        school = generate(args.size, args.seed)
    except GenError as e:
        print("gen_school: %s" % e, file=sys.stderr)
        return 1
    text = to_yaml(school)
    if args.output and args.output != "-":
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    if args.fet:
        write_atomic(args.fet, to_fet(school))
    if not args.quiet:
        print(summary(school), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
