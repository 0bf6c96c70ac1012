"""Tests of the Python bindings against the built library (unittest, standard library only)."""

import gc
import os
import re
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, os.path.join(HERE, ".."))

import schedule  # noqa: E402

SMALL = os.path.join(ROOT, "examples", "small.yaml")
KG = os.path.join(ROOT, "examples", "school-kg.yaml")
INFEASIBLE = os.path.join(ROOT, "examples", "infeasible.yaml")


class Temp(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def path(self, name):
        return os.path.join(self.tmp.name, name)


class TestSchool(Temp):
    def test_load_small_properties(self):
        with schedule.School.load(SMALL) as s:
            self.assertEqual(s.name, "Школа-гимназия №5")
            self.assertEqual(s.classes, ["5А", "5Б", "6А", "6Б"])
            self.assertIn("asanova", s.teachers)
            self.assertIn("math", s.subjects)
            self.assertEqual(s.lesson_count, 92)
            self.assertEqual((s.days, s.periods), (5, 6))
            self.assertEqual(s.teacher_name("asanova"), "Асанова Г.К.")
            self.assertEqual(s.subject_name("math", "ky"), "Математика")

    def test_load_kg(self):
        with schedule.School.load(KG) as s:
            self.assertTrue(s.name)
            self.assertGreater(len(s.classes), 4)
            self.assertGreater(len(s.teachers), 4)
            self.assertGreater(s.lesson_count, 92)
            self.assertFalse(s.precheck().impossible)

    def test_precheck_small_feasible(self):
        with schedule.School.load(SMALL) as s:
            pre = s.precheck()
            self.assertFalse(pre.impossible)
            self.assertNotIn("impossible", [f.level for f in pre])

    def test_precheck_infeasible(self):
        with schedule.School.load(INFEASIBLE) as s:
            pre = s.precheck()
            self.assertTrue(pre.impossible)
            impossible = [f for f in pre if f.level == "impossible"]
            self.assertEqual(len(impossible), 2)
            self.assertTrue(any("Асанова" in f.message for f in impossible))
            self.assertTrue(all(isinstance(f.kind, str) and f.kind for f in impossible))

    def test_bad_file_raises_with_diagnostics(self):
        bad = self.path("bad.yaml")
        with open(SMALL, encoding="utf-8") as f:
            text = f.read()
        # an unknown teacher in a lesson line
        text = text.replace("teacher: asanova,  per_week: 5}", "teacher: nobody,  per_week: 5}", 1)
        with open(bad, "w", encoding="utf-8") as f:
            f.write(text)
        with self.assertRaises(schedule.InvalidError) as cm:
            schedule.School.load(bad)
        e = cm.exception
        self.assertIsInstance(e, schedule.ScheduleError)
        self.assertEqual(e.code_name, "SCH_EINVALID")
        self.assertEqual(e.code, -2)
        self.assertTrue(e.diagnostics)
        pattern = re.compile(r"^" + re.escape(bad) + r":\d+:\d+: error: .*nobody")
        self.assertTrue(any(pattern.match(d) for d in e.diagnostics), e.diagnostics)

    def test_missing_file(self):
        with self.assertRaises(schedule.ScheduleIOError) as cm:
            schedule.School.load(self.path("none.yaml"))
        self.assertEqual(cm.exception.code_name, "SCH_EIO")


class TestSolve(Temp):
    @classmethod
    def setUpClass(cls):
        cls.school = schedule.School.load(SMALL)

    @classmethod
    def tearDownClass(cls):
        cls.school.close()

    def test_greedy_no_hard_violation(self):
        tt = self.school.solve(method="greedy", seed=1, time_limit=10)
        self.assertTrue(tt.solve_result.feasible)
        self.assertEqual(tt.solve_result.status, "SCH_OK")
        self.assertEqual(tt.placed_count, 92)
        report = tt.verify()
        self.assertEqual(report.hard, 0)
        self.assertEqual(set(report.terms), {name for _, name in schedule._TERMS})
        self.assertEqual(report.terms["teacher_clash"], (0, 0))
        self.assertEqual(report.soft, sum(cost for name, (amount, cost) in report.terms.items()))
        self.assertFalse([f for f in report.findings if f.hard])
        tt.close()

    def test_same_seed_same_placements(self):
        a = self.school.solve(method="local", seed=7, time_limit=0, iterations=2000)
        b = self.school.solve(method="local", seed=7, time_limit=0, iterations=2000)
        self.assertEqual(a.placements(), b.placements())
        self.assertEqual(a.verify().soft, b.verify().soft)

    def test_get_and_set(self):
        tt = self.school.solve(method="greedy", seed=2)
        day, period = tt.get(0)
        self.assertTrue(0 <= day < 5 and 0 <= period < 6)
        tt.set(0, None)
        self.assertIsNone(tt.get(0))
        self.assertEqual(tt.verify().terms["missing"][0], 1)
        with self.assertRaises(schedule.ScheduleError):
            tt.get(10000)

    def test_save_load_round_trip(self):
        tt = self.school.solve(method="greedy", seed=3)
        for name in ("tt.yaml", "tt.json"):
            path = self.path(name)
            tt.save(path)
            with schedule.Timetable.load(self.school, path) as back:
                self.assertEqual(back.placements(), tt.placements())
                self.assertIs(back.school, self.school)
        self.assertIn("5А", tt.to_string())

    def test_bad_method(self):
        with self.assertRaises(schedule.InvalidError):
            self.school.solve(method="nonsense")


class TestLifetime(unittest.TestCase):
    def test_context_manager_frees(self):
        with schedule.School.load(SMALL) as s:
            self.assertFalse(s.closed)
        self.assertTrue(s.closed)
        with self.assertRaises(ValueError):
            s.name
        s.close()  # twice is harmless

    def test_timetable_keeps_school_alive(self):
        tt = schedule.School.load(SMALL).solve(method="greedy", seed=1)
        gc.collect()
        self.assertEqual(tt.verify().hard, 0)
        self.assertEqual(tt.school.lesson_count, 92)

    def test_closing_school_closes_timetables(self):
        s = schedule.School.load(SMALL)
        tt = s.solve(method="greedy", seed=1)
        s.close()
        self.assertTrue(tt.closed)
        with self.assertRaises(ValueError):
            tt.verify()


class TestStore(Temp):
    def test_versions(self):
        with schedule.School.load(SMALL) as s, \
                schedule.Store.open(self.path("s.db"), create=True) as st:
            info = st.import_school(s)
            self.assertEqual(info.revision, 1)
            tt = s.solve(method="greedy", seed=1)
            n1 = st.save_timetable(tt, method="greedy", seed=1, note="первая")
            n2 = st.save_timetable(tt, method="greedy", seed=1, activate=False)
            self.assertEqual((n1, n2), (1, 2))
            self.assertEqual(st.active, 1)
            vs = st.versions()
            self.assertEqual([v.number for v in vs], [1, 2])
            self.assertEqual(vs[0].note, "первая")
            self.assertEqual((vs[0].hard, vs[0].placed), (0, 92))
            st.activate(2)
            self.assertEqual(st.active, 2)
            with st.load_timetable(s) as back:
                self.assertEqual(back.placements(), tt.placements())
            with st.load_school() as s2:
                self.assertEqual(s2.classes, s.classes)
            with self.assertRaises(schedule.NotFoundError):
                st.activate(99)

    def test_missing_db(self):
        with self.assertRaises(schedule.NotFoundError):
            schedule.Store.open(self.path("none.db"))


if __name__ == "__main__":
    unittest.main()
