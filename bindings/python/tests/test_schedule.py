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
SAT_INFEASIBLE = os.path.join(ROOT, "tests", "cli", "data", "sat_infeasible.yaml")
# The real FET files and XHSTT archives live next to the repository, in ../shared/data.
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "data")
FET_DIR = os.path.join(SHARED, "fet")
XHSTT_DIR = os.path.join(SHARED, "xhstt")
BRAZIL1 = os.path.join(XHSTT_DIR, "BrazilInstance1.xml")
BRAZIL2 = os.path.join(XHSTT_DIR, "BrazilInstance2.xml")


def need(test, path):
    if not os.path.exists(path):
        test.skipTest("%s is absent (the FET files and XHSTT archives live in ../shared)" % path)


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

    def test_solve_proves_infeasible(self):
        # each rule can be met alone, not all together: the SAT search over the hard rules proves it
        with schedule.School.load(SAT_INFEASIBLE) as s:
            self.assertFalse(s.precheck().impossible)
            tt = s.solve(method="greedy", time_limit=5)
            self.assertEqual(tt.solve_result.status, "SCH_EINFEASIBLE")
            self.assertTrue(tt.solve_result.proved_infeasible)
            self.assertEqual(tt.solve_result.conflicting_rules,
                             ["a subject at most once a day (rules: subject_once_a_day)",
                              "constraint 3 (max_days, line 25)"])
            tt.close()
        with schedule.School.load(SMALL) as s:
            tt = s.solve(method="greedy", time_limit=5)
            self.assertFalse(tt.solve_result.proved_infeasible)
            self.assertEqual(tt.solve_result.conflicting_rules, [])
            tt.close()

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


class TestFet(Temp):
    def setUp(self):
        super().setUp()
        need(self, FET_DIR)

    def test_import_every_file(self):
        files = sorted(f for f in os.listdir(FET_DIR) if f.endswith(".fet"))
        self.assertGreaterEqual(len(files), 5)
        for name in files:
            with self.subTest(file=name), schedule.School.import_fet(os.path.join(FET_DIR, name)) as s:
                r = s.fet_report
                self.assertIsInstance(r, schedule.FetReport)
                self.assertGreater(s.lesson_count, 0)
                self.assertGreater(len(s.classes), 0)
                self.assertGreater(r.activities, 0)
                self.assertEqual(r.lines + r.inactive_activities, r.activities)
                self.assertEqual(r.mapped + r.ignored + r.unsupported, r.constraints)
                self.assertEqual(sum(i.count for i in r.items if i.what.startswith("Constraint")), r.unsupported)
                for item in r.items:
                    self.assertIsInstance(item, schedule.FetItem)
                    self.assertTrue(item.what and item.reason)
                    self.assertGreater(item.count, 0)
                    self.assertGreater(item.line, 0)
                self.assertTrue(all(isinstance(n, str) and n for n in r.notes))

    def test_vietnam_one_unsupported_and_strict(self):
        path = os.path.join(FET_DIR, "vietnam-afternoon-shift.fet")
        need(self, path)
        with schedule.School.import_fet(path) as s:
            r = s.fet_report
            self.assertEqual(r.unsupported, 1)
            self.assertEqual(len(r.items), 1)
            self.assertEqual(r.items[0].count, 1)
        with self.assertRaises(schedule.InvalidError) as cm:
            schedule.School.import_fet(path, strict=True)
        e = cm.exception
        self.assertEqual(e.code_name, "SCH_EINVALID")
        self.assertIn(path, e.message)
        self.assertIn("strict", e.message)
        self.assertEqual(len(e.diagnostics), 1)
        self.assertIn(r.items[0].what, e.diagnostics[0])
        self.assertTrue(e.diagnostics[0].startswith("%s:%d: error: " % (path, r.items[0].line)))
        self.assertEqual(e.fet_report, r)

    def test_strict_accepts_a_complete_file(self):
        for name in os.listdir(FET_DIR):
            with schedule.School.import_fet(os.path.join(FET_DIR, name)) as s:
                if not s.fet_report.items:
                    with schedule.School.import_fet(os.path.join(FET_DIR, name), strict=True) as again:
                        self.assertEqual(again.lesson_count, s.lesson_count)
                    return
        self.skipTest("every FET file has unsupported items")

    def test_bad_files(self):
        with self.assertRaises(schedule.InvalidError) as cm:
            schedule.School.import_fet(SMALL)  # YAML, not XML
        self.assertIn(SMALL, str(cm.exception))
        self.assertTrue(any(d.startswith(SMALL + ":") for d in cm.exception.diagnostics))
        with self.assertRaises(schedule.InvalidError) as cm:
            schedule.School.import_fet(BRAZIL1)  # XML, not FET
        self.assertIn("not a FET file", cm.exception.message)
        missing = self.path("none.fet")
        with self.assertRaises(schedule.ScheduleIOError) as cm:
            schedule.School.import_fet(missing)
        self.assertEqual(cm.exception.code_name, "SCH_EIO")
        self.assertIn(missing, cm.exception.message)

    def test_yaml_school_has_no_fet_report(self):
        with schedule.School.load(SMALL) as s:
            self.assertIsNone(s.fet_report)


class TestXhstt(Temp):
    @classmethod
    def setUpClass(cls):
        cls.x = schedule.Xhstt.load(BRAZIL1) if os.path.exists(BRAZIL1) else None

    @classmethod
    def tearDownClass(cls):
        if cls.x is not None:
            cls.x.close()

    def setUp(self):
        super().setUp()
        need(self, BRAZIL1)

    def test_instance_and_solutions(self):
        info = self.x.instance
        self.assertIsInstance(info, schedule.XhsttInstance)
        self.assertEqual(info.name, "BrazilInstance1")
        self.assertTrue(info.id)
        self.assertEqual((info.times, info.resources, info.events, info.constraints, info.instances_skipped),
                         (25, 11, 21, 18, 0))
        with schedule.Xhstt.load(BRAZIL1) as x:  # the class's archive may have grown
            self.assertEqual(len(x), 2)
            sols = x.solutions
            self.assertEqual(len(sols), 2)
            for s in sols:
                self.assertIsInstance(s, schedule.XhsttSolution)
                self.assertTrue(s.group)
                self.assertGreater(s.sub_events, 0)
                self.assertGreater(s.line, 0)

    def test_published_costs(self):
        # /work/shared/README.md: BrazilInstance1 Haroldo 0 / 42, Sorensen 0 / 41;
        # BrazilInstance2 Haroldo 0 / 38, Lectio 0 / 5.
        published = [(BRAZIL1, [(0, 42), (0, 41)]), (BRAZIL2, [(0, 38), (0, 5)])]
        for path, costs in published:
            need(self, path)
            with self.subTest(file=path), schedule.Xhstt.load(path) as x:
                got = []
                for i in range(len(x)):
                    c = x.evaluate(i)
                    self.assertIsInstance(c, schedule.XhsttCost)
                    self.assertEqual(c.unsupported, 0)
                    self.assertEqual(len(c.constraints), x.instance.constraints)
                    self.assertEqual(sum(k.cost for k in c.constraints if k.required), c.infeasibility)
                    self.assertEqual(sum(k.cost for k in c.constraints if not k.required), c.objective)
                    self.assertTrue(all(isinstance(k, schedule.XhsttConstraintCost) and k.supported
                                        for k in c.constraints))
                    got.append((c.infeasibility, c.objective))
                self.assertEqual(got, costs)

    def test_import_own_and_best(self):
        with schedule.School.import_xhstt(BRAZIL1, splits="own") as own, \
                schedule.School.import_xhstt(BRAZIL1, splits="best") as best, \
                schedule.School.import_xhstt(BRAZIL1, splits=1) as second:
            for s in (own, best):
                self.assertGreater(s.lesson_count, 0)
                self.assertEqual((s.days, s.periods), (5, 5))
                self.assertTrue(s.classes and s.teachers)
            # the best embedded solution (objective 41) is solution 1
            self.assertEqual(best.lesson_count, second.lesson_count)
            self.assertEqual(best.lesson_count, self.x.solution(1).sub_events)
            with self.x.to_school(splits="best") as again:
                self.assertEqual(again.lesson_count, best.lesson_count)

    def test_solution_timetable_of_best_splits(self):
        with schedule.Xhstt.load(BRAZIL1) as x, schedule.School.import_xhstt(BRAZIL1, splits="best") as best:
            tt = x.solution_timetable(1, best)
            self.assertIs(tt.school, best)
            self.assertEqual(tt.placed_count, best.lesson_count)
            i = x.add_timetable(tt, group="roundtrip")
            self.assertEqual(i, 2)
            self.assertEqual(x.solution(i).group, "roundtrip")
            c = x.evaluate(i)
            self.assertEqual((c.infeasibility, c.objective), (0, 41))
            with self.assertRaises(schedule.InvalidError):
                x.solution_timetable(0, best)  # solution 0 splits the events otherwise

    def test_solve_add_evaluate_and_round_trip(self):
        with schedule.Xhstt.load(BRAZIL1) as x:
            school, tt, status = x.solve(time_limit=1, seed=1, method="local")
            with school:
                self.assertIs(tt.school, school)
                self.assertEqual(status, "SCH_OK")
                self.assertEqual(tt.solve_result.status, status)
                self.assertEqual(tt.placed_count, school.lesson_count)
                i = x.add_timetable(tt)
                self.assertEqual(i, 2)
                self.assertEqual(x.solution(i).group, "libschedule")
                cost = x.evaluate(i)
                self.assertEqual(cost.infeasibility, 0)
                text = x.solution_to_string(i)
                self.assertIn("<HighSchoolTimetableArchive", text)
                path = self.path("solution.xml")
                x.write_solution(i, path)
                with open(path, encoding="utf-8") as f:
                    self.assertEqual(f.read(), text)
                with schedule.Xhstt.load(path) as back:
                    self.assertEqual(len(back), 1)
                    again = back.evaluate(0)
                    self.assertEqual((again.infeasibility, again.objective), (cost.infeasibility, cost.objective))
                    self.assertEqual(again.constraints, cost.constraints)

    def test_solve_with_embedded_splits(self):
        with schedule.Xhstt.load(BRAZIL1) as x:
            school, tt, status = x.solve(time_limit=1, method="greedy", splits="best")
            self.assertIn(status, ("SCH_OK", "SCH_EINFEASIBLE"))
            self.assertEqual(school.lesson_count, x.solution(1).sub_events)
            x.add_timetable(tt)
            school, tt, status = x.solve(time_limit=1, method="greedy", splits="own")
            self.assertIn(status, ("SCH_OK", "SCH_EINFEASIBLE"))
            self.assertEqual(tt.solve_result.status, status)
            self.assertEqual(x.add_timetable(tt), 3)

    def test_timetable_keeps_solved_school_alive(self):
        _, tt, _ = self.x.solve(time_limit=1, method="greedy")
        gc.collect()
        self.assertGreater(tt.school.lesson_count, 0)
        self.assertEqual(tt.placed_count, tt.school.lesson_count)

    def test_bad_input(self):
        fet = os.path.join(FET_DIR, "brazil-1.fet")
        if os.path.exists(fet):
            with self.assertRaises(schedule.InvalidError) as cm:
                schedule.Xhstt.load(fet)
            self.assertIn(fet, cm.exception.message)
            self.assertIn("not an XHSTT archive", cm.exception.message)
            with self.assertRaises(schedule.InvalidError):
                schedule.School.import_xhstt(fet)
        missing = self.path("none.xml")
        with self.assertRaises(schedule.ScheduleIOError) as cm:
            schedule.Xhstt.load(missing)
        self.assertIn(missing, cm.exception.message)
        with self.assertRaises(schedule.ScheduleIOError):
            schedule.School.import_xhstt(missing)
        with self.assertRaises(schedule.InvalidError):
            schedule.Xhstt.load(SMALL)
        x = self.x
        n = len(x)
        for call in (x.evaluate, x.solution, x.solution_to_string):
            for i in (n, -1, 2 ** 40):
                with self.subTest(call=call.__name__, i=i), self.assertRaises(schedule.InvalidError):
                    call(i)
        with self.assertRaises(schedule.InvalidError):
            x.write_solution(n, self.path("out.xml"))
        self.assertFalse(os.path.exists(self.path("out.xml")))
        with self.assertRaises(TypeError):
            x.evaluate("0")
        with schedule.School.import_xhstt(BRAZIL1) as s, self.assertRaises(schedule.InvalidError):
            x.solution_timetable(n, s)
        for splits in ("nonsense", -1, -2, 2 ** 40, 1.0, True):
            with self.subTest(splits=splits), self.assertRaises(schedule.InvalidError):
                schedule.School.import_xhstt(BRAZIL1, splits=splits)
        with self.assertRaises(schedule.InvalidError):
            schedule.School.import_xhstt(BRAZIL1, splits=5)  # no embedded solution 5
        with self.assertRaises(schedule.NotFoundError):
            schedule.School.import_xhstt(BRAZIL1, instance="NoSuchInstance")
        with self.assertRaises(schedule.InvalidError):
            x.solve(time_limit=1, method="nonsense")
        with self.assertRaises(schedule.InvalidError):
            x.solve(time_limit=0, method="local")  # the split search needs a time limit
        with schedule.School.load(SMALL) as small, self.assertRaises(schedule.InvalidError):
            x.add_timetable(small.solve(method="greedy"))

    def test_closed(self):
        x = schedule.Xhstt.load(BRAZIL1)
        x.close()
        self.assertTrue(x.closed)
        with self.assertRaises(ValueError):
            x.instance


if __name__ == "__main__":
    unittest.main()
