"""Python bindings of libschedule (school timetabling), in pure ctypes.

The library is found from $SCHEDULE_LIBRARY (a path to libschedule.so), else in
the directory $SCHEDULE_BUILD_DIR (a CMake build directory), else by
ctypes.util.find_library("schedule").

    import schedule
    with schedule.School.load("examples/small.yaml") as school:
        tt = school.solve(method="greedy", seed=1)
        report = tt.verify()
        print(report.hard, report.soft)
        tt.save("timetable.yaml")

Every handle is freed deterministically by close() or a `with` block (and, as
a safety net, when it is garbage-collected). A child keeps its parent alive: a
Timetable holds its School; closing a School closes its timetables first, so
no timetable can outlive the school it points into.
"""

import ctypes
import ctypes.util
import os
import sys
import weakref
from collections import namedtuple

__all__ = [
    "School", "Timetable", "Report", "Store", "SolveResult",
    "Finding", "PrecheckFinding", "Version", "ImportInfo",
    "FetReport", "FetItem",
    "Xhstt", "XhsttInstance", "XhsttSolution", "XhsttCost", "XhsttConstraintCost",
    "ScheduleError", "InvalidError", "NotFoundError", "InfeasibleError",
    "SolveTimeoutError", "CancelledError", "ScheduleIOError", "NoMemoryError",
    "DatabaseError", "ExistsError", "InternalError",
    "version", "library_path",
]

# ---- locating and loading the library ----


def _find_library():
    path = os.environ.get("SCHEDULE_LIBRARY")
    if path:
        return path
    build = os.environ.get("SCHEDULE_BUILD_DIR")
    if build:
        names = {"darwin": ["libschedule.dylib"], "win32": ["schedule.dll", "libschedule.dll"]}
        for name in names.get(sys.platform, ["libschedule.so"]):
            candidate = os.path.join(build, name)
            if os.path.exists(candidate):
                return candidate
        raise OSError("SCHEDULE_BUILD_DIR=%s holds no libschedule shared library" % build)
    found = ctypes.util.find_library("schedule")
    if not found:
        raise OSError("libschedule not found: set SCHEDULE_LIBRARY or SCHEDULE_BUILD_DIR")
    return found


library_path = _find_library()
_lib = ctypes.CDLL(library_path)

_c_int, _c_size, _c_char_p, _c_void_p = ctypes.c_int, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_void_p
_c_i64, _c_u64, _c_double = ctypes.c_int64, ctypes.c_uint64, ctypes.c_double
_P = ctypes.POINTER


class _Error(ctypes.Structure):
    _fields_ = [("code", _c_int), ("message", _c_char_p)]


class _Diag(ctypes.Structure):
    _fields_ = [("severity", _c_int), ("file", _c_char_p), ("line", _c_int), ("col", _c_int),
                ("message", _c_char_p)]


class _PrecheckFinding(ctypes.Structure):
    _fields_ = [("level", _c_int), ("kind", _c_char_p), ("message", _c_char_p)]


class _Finding(ctypes.Structure):
    _fields_ = [("term", _c_int), ("amount", _c_int), ("weight", _c_int), ("day", _c_int),
                ("period", _c_int), ("lesson", _c_int), ("message", _c_char_p)]


_SOLVE_OPTIONS_VERSION = 1


class _SolveOptions(ctypes.Structure):
    # Mirrors sch_solve_options of solver.h field for field (version 1).
    _fields_ = [
        ("version", _c_int),
        ("method", _c_int),
        ("time_limit", _c_double),
        ("seed", _c_u64),
        ("iterations", _c_u64),
        ("cancel", _P(_c_int)),
        ("progress", _c_void_p),
        ("progress_payload", _c_void_p),
        ("log", _c_void_p),
        ("log_payload", _c_void_p),
        ("from_", _c_void_p),
    ]


class _ImportInfo(ctypes.Structure):
    _fields_ = [("revision", _c_int), ("unchanged", _c_int), ("versions", _c_int), ("flagged", _c_int)]


_SAVE_OPTIONS_VERSION = 1


class _SaveOptions(ctypes.Structure):
    _fields_ = [
        ("version", ctypes.c_uint),
        ("method", _c_char_p),
        ("seed", _c_u64),
        ("seconds", _c_double),
        ("hard", _c_i64),
        ("soft", _c_i64),
        ("command", _c_char_p),
        ("user", _c_char_p),
        ("note", _c_char_p),
        ("activate", _c_int),
    ]


class _Version(ctypes.Structure):
    _fields_ = [
        ("number", _c_int), ("active", _c_int), ("stale", _c_int), ("revision", _c_int),
        ("method", _c_char_p), ("seed", _c_u64), ("seconds", _c_double),
        ("hard", _c_i64), ("soft", _c_i64),
        ("created_at", _c_char_p), ("created_by", _c_char_p), ("command", _c_char_p),
        ("note", _c_char_p), ("lessons", _c_int), ("placed", _c_int),
    ]


class _VersionList(ctypes.Structure):
    _fields_ = [("items", _P(_Version)), ("count", _c_size)]


class _FetItem(ctypes.Structure):
    # sch_fet_item of fet.h
    _fields_ = [("what", _c_char_p), ("count", _c_int), ("reason", _c_char_p), ("line", _c_int)]


class _FetReport(ctypes.Structure):
    # sch_fet_report of fet.h; a zeroed one is empty, sch_fet_report_free releases it
    _fields_ = [
        ("activities", _c_int), ("lines", _c_int), ("inactive_activities", _c_int), ("constraints", _c_int),
        ("mapped", _c_int), ("ignored", _c_int), ("unsupported", _c_int),
        ("n_items", _c_int), ("items", _P(_FetItem)),
        ("n_notes", _c_int), ("notes", _P(_c_char_p)),
    ]


class _XhsttInstanceInfo(ctypes.Structure):
    # sch_xhstt_instance_info of xhstt.h (borrowed strings)
    _fields_ = [("id", _c_char_p), ("name", _c_char_p), ("times", _c_int), ("resources", _c_int),
                ("events", _c_int), ("constraints", _c_int), ("instances_skipped", _c_int)]


class _XhsttSolution(ctypes.Structure):
    # sch_xhstt_solution of xhstt.h
    _fields_ = [
        ("group", _c_char_p), ("contributor", _c_char_p), ("description", _c_char_p), ("date", _c_char_p),
        ("has_report", _c_int), ("reported_infeasibility", _c_i64), ("reported_objective", _c_i64),
        ("sub_events", _c_int), ("line", _c_int),
    ]


class _XhsttConstraintCost(ctypes.Structure):
    # sch_xhstt_constraint_cost of xhstt.h
    _fields_ = [
        ("id", _c_char_p), ("name", _c_char_p), ("type", _c_char_p),
        ("supported", _c_int), ("required", _c_int), ("weight", _c_int), ("points", _c_int), ("violated", _c_int),
        ("deviation", _c_i64), ("cost", _c_i64),
    ]


class _XhsttCost(ctypes.Structure):
    # sch_xhstt_cost of xhstt.h; `constraints` is owned, released by sch_xhstt_cost_free
    _fields_ = [("infeasibility", _c_i64), ("objective", _c_i64), ("unsupported", _c_int), ("count", _c_int),
                ("constraints", _P(_XhsttConstraintCost))]


_XHSTT_IMPORT_OPTIONS_VERSION = 1
_XHSTT_SPLITS_OWN, _XHSTT_SPLITS_BEST = -1, -2


class _XhsttImportOptions(ctypes.Structure):
    # sch_xhstt_import_options of xhstt.h (version 1)
    _fields_ = [("version", _c_int), ("instance_id", _c_char_p), ("split_solution", _c_int), ("strict", _c_int)]


def _fn(name, restype, *argtypes):
    f = getattr(_lib, name)
    f.restype = restype
    f.argtypes = list(argtypes)
    return f


_PP = _P(_c_void_p)
_error_last = _fn("sch_error_last", _P(_Error))
_error_clear = _fn("sch_error_clear", None)
_status_name = _fn("sch_status_name", _c_char_p, _c_int)
_version = _fn("sch_version", _c_char_p)
_free = _fn("sch_free", None, _c_void_p)

_diags_new = _fn("sch_diags_new", _c_int, _PP)
_diags_free = _fn("sch_diags_free", None, _c_void_p)
_diags_count = _fn("sch_diags_count", _c_size, _c_void_p)
_diags_get = _fn("sch_diags_get", _P(_Diag), _c_void_p, _c_size)
_diag_format = _fn("sch_diag_format", _c_int, _c_char_p, _c_size, _P(_Diag))

_school_load = _fn("sch_school_load_yaml", _c_int, _PP, _c_char_p, _c_void_p)
_school_free = _fn("sch_school_free", None, _c_void_p)
_school_name = _fn("sch_school_name", _c_char_p, _c_void_p)
_school_days = _fn("sch_school_days", _c_int, _c_void_p)
_school_periods = _fn("sch_school_periods", _c_int, _c_void_p)
_school_counts = {k: _fn("sch_school_%s_count" % k, _c_int, _c_void_p)
                  for k in ("teacher", "class", "subject", "room", "lesson")}
_school_ids = {k: _fn("sch_school_%s_id" % k, _c_char_p, _c_void_p, _c_int)
               for k in ("teacher", "class", "subject", "room")}
_school_teacher_name = _fn("sch_school_teacher_name", _c_char_p, _c_void_p, _c_int)
_school_subject_name = _fn("sch_school_subject_name", _c_char_p, _c_void_p, _c_int, _c_char_p)

_precheck_run = _fn("sch_precheck_run", _c_int, _PP, _c_void_p)
_precheck_free = _fn("sch_precheck_free", None, _c_void_p)
_precheck_count = _fn("sch_precheck_count", _c_size, _c_void_p)
_precheck_get = _fn("sch_precheck_get", _P(_PrecheckFinding), _c_void_p, _c_size)
_precheck_impossible = _fn("sch_precheck_impossible", _c_int, _c_void_p)

_tt_free = _fn("sch_timetable_free", None, _c_void_p)
_tt_copy = _fn("sch_timetable_copy", _c_int, _PP, _c_void_p)
_tt_set = _fn("sch_timetable_set", _c_int, _c_void_p, _c_int, _c_int, _c_int)
_tt_get = _fn("sch_timetable_get", _c_int, _c_void_p, _c_int, _P(_c_int), _P(_c_int))
_tt_placed = _fn("sch_timetable_placed_count", _c_int, _c_void_p)
_tt_load = _fn("sch_timetable_load", _c_int, _PP, _c_void_p, _c_char_p, _c_void_p)
_tt_save = _fn("sch_timetable_save", _c_int, _c_void_p, _c_char_p, _c_int)
_tt_to_string = _fn("sch_timetable_to_string", _c_int, _P(_c_void_p), _P(_c_size), _c_void_p, _c_int)

_verify = _fn("sch_verify", _c_int, _PP, _c_void_p, _c_void_p)
_report_free = _fn("sch_report_free", None, _c_void_p)
_report_count = _fn("sch_report_count", _c_size, _c_void_p)
_report_get = _fn("sch_report_get", _P(_Finding), _c_void_p, _c_size)
_report_hard = _fn("sch_report_hard", _c_i64, _c_void_p)
_report_soft = _fn("sch_report_soft", _c_i64, _c_void_p)
_report_term_amount = _fn("sch_report_term_amount", _c_i64, _c_void_p, _c_int)
_report_term_cost = _fn("sch_report_term_cost", _c_i64, _c_void_p, _c_int)
_term_name = _fn("sch_term_name", _c_char_p, _c_int)
_term_is_hard = _fn("sch_term_is_hard", _c_int, _c_int)

_solve_options_init = _fn("sch_solve_options_init", _c_int, _P(_SolveOptions), _c_int)
_solve = _fn("sch_solve", _c_int, _PP, _PP, _c_void_p, _P(_SolveOptions))
_result_free = _fn("sch_solve_result_free", None, _c_void_p)
_result_feasible = _fn("sch_solve_result_feasible", _c_int, _c_void_p)
_result_status = _fn("sch_solve_result_status", _c_int, _c_void_p)
_result_iterations = _fn("sch_solve_result_iterations", _c_u64, _c_void_p)
_result_seconds = _fn("sch_solve_result_seconds", _c_double, _c_void_p)
_result_cost = _fn("sch_solve_result_cost", _c_i64, _c_void_p)
_result_proved_infeasible = _fn("sch_solve_result_proved_infeasible", _c_int, _c_void_p)
_result_conflict_count = _fn("sch_solve_result_conflict_count", _c_size, _c_void_p)
_result_conflict = _fn("sch_solve_result_conflict", _c_char_p, _c_void_p, _c_size)
_result_unplaced_count = _fn("sch_solve_result_unplaced_count", _c_size, _c_void_p)
_result_unplaced_lesson = _fn("sch_solve_result_unplaced_lesson", _c_int, _c_void_p, _c_size)
_result_unplaced_reason = _fn("sch_solve_result_unplaced_reason", _c_char_p, _c_void_p, _c_size)
_method_parse = _fn("sch_method_parse", _c_int, _c_char_p)

_store_open = _fn("sch_store_open", _c_int, _PP, _c_char_p, _c_int)
_store_close = _fn("sch_store_close", None, _c_void_p)
_store_path = _fn("sch_store_path", _c_char_p, _c_void_p)
_store_import = _fn("sch_store_import_school", _c_int, _c_void_p, _c_void_p, _P(_ImportInfo))
_store_load_school = _fn("sch_store_load_school", _c_int, _PP, _c_void_p, _c_void_p)
_store_save_tt = _fn("sch_store_save_timetable", _c_int, _P(_c_int), _c_void_p, _c_void_p, _P(_SaveOptions))
_store_versions = _fn("sch_store_versions", _c_int, _P(_VersionList), _c_void_p)
_store_versions_dispose = _fn("sch_store_version_list_dispose", None, _P(_VersionList))
_store_active = _fn("sch_store_active", _c_int, _P(_c_int), _c_void_p)
_store_activate = _fn("sch_store_activate", _c_int, _c_void_p, _c_int)
_store_load_tt = _fn("sch_store_load_timetable", _c_int, _PP, _c_void_p, _c_int, _c_void_p, _P(_c_int))

_fet_import = _fn("sch_fet_import", _c_int, _PP, _c_char_p, _P(_FetReport), _c_void_p)
_fet_report_free = _fn("sch_fet_report_free", None, _P(_FetReport))

_xhstt_load = _fn("sch_xhstt_load", _c_int, _PP, _c_char_p)
_xhstt_free = _fn("sch_xhstt_free", None, _c_void_p)
_xhstt_instance = _fn("sch_xhstt_instance", None, _c_void_p, _P(_XhsttInstanceInfo))
_xhstt_solution_count = _fn("sch_xhstt_solution_count", _c_int, _c_void_p)
_xhstt_solution_info = _fn("sch_xhstt_solution_info", _c_int, _c_void_p, _c_int, _P(_XhsttSolution))
_xhstt_evaluate = _fn("sch_xhstt_evaluate", _c_int, _c_void_p, _c_int, _P(_XhsttCost))
_xhstt_cost_free = _fn("sch_xhstt_cost_free", None, _P(_XhsttCost))
_xhstt_import_school_opts = _fn("sch_xhstt_import_school_opts", _c_int, _c_char_p, _P(_XhsttImportOptions), _PP,
                                _c_void_p)
_xhstt_to_school = _fn("sch_xhstt_to_school", _c_int, _c_void_p, _P(_XhsttImportOptions), _PP, _c_void_p)
_xhstt_solve = _fn("sch_xhstt_solve", _c_int, _PP, _PP, _c_void_p, _P(_XhsttImportOptions), _P(_SolveOptions),
                   _c_void_p)
_xhstt_add_timetable = _fn("sch_xhstt_add_timetable", _c_int, _c_void_p, _c_void_p, _c_char_p, _P(_c_int))
_xhstt_solution_timetable = _fn("sch_xhstt_solution_timetable", _c_int, _c_void_p, _c_int, _c_void_p, _PP)
_xhstt_write_solution = _fn("sch_xhstt_write_solution", _c_int, _c_void_p, _c_int, _c_char_p)
_xhstt_solution_to_string = _fn("sch_xhstt_solution_to_string", _c_int, _P(_c_void_p), _P(_c_size), _c_void_p,
                                _c_int)

# ---- errors ----


class ScheduleError(Exception):
    """A libschedule call failed. `code` is the negative SCH_E* status, `code_name`
    its name ("SCH_EINVALID"), `message` the library's message and `diagnostics`
    the file:line:col lines of a load (empty when the call has none)."""

    def __init__(self, code, message, diagnostics=()):
        self.code = code
        self.code_name = _str(_status_name(code)) or "SCH_E%d" % code
        self.message = message
        self.diagnostics = list(diagnostics)
        text = "%s: %s" % (self.code_name, message)
        if self.diagnostics:
            text += "\n" + "\n".join(self.diagnostics)
        super().__init__(text)


class InvalidError(ScheduleError, ValueError):
    pass


class NotFoundError(ScheduleError, LookupError):
    pass


class InfeasibleError(ScheduleError):
    pass


class SolveTimeoutError(ScheduleError, TimeoutError):
    pass


class CancelledError(ScheduleError):
    pass


class ScheduleIOError(ScheduleError, OSError):
    pass


class NoMemoryError(ScheduleError, MemoryError):
    pass


class DatabaseError(ScheduleError):
    pass


class ExistsError(ScheduleError):
    pass


class InternalError(ScheduleError):
    pass


_ERRORS = {-2: InvalidError, -3: NotFoundError, -4: InfeasibleError, -5: SolveTimeoutError,
           -6: CancelledError, -7: ScheduleIOError, -8: NoMemoryError, -9: DatabaseError,
           -10: ExistsError, -11: InternalError}


def _str(b):
    return None if b is None else b.decode("utf-8", "replace")


def _bytes(s):
    if s is None:
        return None
    if isinstance(s, os.PathLike):
        return os.fsencode(s)
    if isinstance(s, bytes):
        return s
    return s.encode("utf-8")


def _error(code, diagnostics=()):
    # The last error is thread-local and ctypes calls run on the calling thread.
    err = _error_last()
    message = _str(err.contents.message) if err and err.contents.message else ""
    cls = _ERRORS.get(code, ScheduleError)
    return cls(code, message, diagnostics)


def _check(code, diagnostics=()):
    if code < 0:
        raise _error(code, diagnostics)
    return code


class _Diags:
    """A sch_diags list for one call, formatted as CLI lines."""

    def __enter__(self):
        self.ptr = _c_void_p()
        _check(_diags_new(ctypes.byref(self.ptr)))
        return self

    def __exit__(self, *exc):
        _diags_free(self.ptr)
        self.ptr = None

    def lines(self):
        out = []
        for i in range(_diags_count(self.ptr)):
            d = _diags_get(self.ptr, i)
            n = _diag_format(None, 0, d)
            buf = ctypes.create_string_buffer(n + 1)
            _diag_format(buf, n + 1, d)
            out.append(_str(buf.value))
        return out


# ---- handles ----


class _Handle:
    """An owned pointer freed exactly once, by close(), `with` or the collector."""

    _free_fn = None

    def __init__(self, ptr):
        self._ptr = ptr

    @property
    def closed(self):
        return not self._ptr

    def _p(self):
        if not self._ptr:
            raise ValueError("%s is closed" % type(self).__name__)
        return self._ptr

    def close(self):
        ptr, self._ptr = self._ptr, None
        if ptr:
            type(self)._free_fn(ptr)

    def __enter__(self):
        self._p()
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass


PrecheckFinding = namedtuple("PrecheckFinding", "level kind message")
_PRECHECK_LEVELS = {0: "info", 1: "warning", 2: "impossible"}


class Precheck(list):
    """The findings of the feasibility pre-check; `impossible` tells whether one proves the
    school cannot be scheduled."""

    impossible = False


class School(_Handle):
    """A loaded school model (read-only)."""

    _free_fn = staticmethod(_school_free)

    def __init__(self, ptr, warnings=()):
        super().__init__(ptr)
        self.warnings = list(warnings)
        self.fet_report = None  # a FetReport for a school of import_fet()
        self._children = weakref.WeakSet()

    @classmethod
    def load(cls, path):
        """Loads a school from YAML; raises ScheduleError with its diagnostics on failure.
        Warnings of a successful load are in `school.warnings`."""
        ptr = _c_void_p()
        with _Diags() as diags:
            rc = _school_load(ctypes.byref(ptr), _bytes(path), diags.ptr)
            lines = diags.lines()
        if rc < 0:
            raise _error(rc, lines)
        return cls(ptr, lines)

    @classmethod
    def import_fet(cls, path, strict=False):
        """Imports a FET (.fet) file (docs/fet.md). What the import did is in
        `school.fet_report` (a FetReport), warnings in `school.warnings`. Constraints
        that cannot be carried over are no error unless `strict`: then, as
        `schedule import --strict`, any FetReport item refuses the file with an
        InvalidError listing them. Errors carry the report as `fet_report` when the
        file was read."""
        ptr, rep = _c_void_p(), _FetReport()
        try:
            with _Diags() as diags:
                rc = _fet_import(ctypes.byref(ptr), _bytes(path), ctypes.byref(rep), diags.ptr)
                lines = diags.lines()
            err = _error(rc, lines) if rc < 0 else None
            report = _fet_report(rep)
        finally:
            _fet_report_free(ctypes.byref(rep))
        if err is not None:
            err.fet_report = report
            raise err
        school = cls(ptr, lines)
        school.fet_report = report
        if strict and report.items:
            school.close()
            total = sum(item.count for item in report.items)
            err = InvalidError(-2, "%s: strict: refused, %d item%s not carried over" %
                               (os.fsdecode(path), total, "" if total == 1 else "s"),
                               ["%s:%d: error: %s: %d (%s)" % (os.fsdecode(path), item.line, item.what, item.count,
                                                               item.reason) for item in report.items])
            err.fet_report = report
            raise err
        return school

    @classmethod
    def import_xhstt(cls, path, splits="own", strict=False, instance=None):
        """Imports the instance of an XHSTT (ITC 2011) archive (docs/xhstt.md). `splits`
        tells how events become lessons: "own" (the importer chooses), "best" (those of
        the embedded solution of least cost) or the 0-based index of an embedded
        solution. Constraints that cannot be mapped are warnings (`school.warnings`),
        errors under `strict`. `instance` is an Instance Id (None: the first)."""
        opts = _xhstt_import_options(splits, strict, instance)
        ptr = _c_void_p()
        with _Diags() as diags:
            rc = _xhstt_import_school_opts(_bytes(path), ctypes.byref(opts), ctypes.byref(ptr), diags.ptr)
            if rc < 0:
                raise _error(rc, diags.lines())
            return cls(ptr, diags.lines())

    def close(self):
        # Timetables point into the school: they go first.
        for child in list(getattr(self, "_children", ())):
            child.close()
        super().close()

    @property
    def name(self):
        return _str(_school_name(self._p()))

    @property
    def days(self):
        return _school_days(self._p())

    @property
    def periods(self):
        return _school_periods(self._p())

    def _ids(self, kind):
        p = self._p()
        return [_str(_school_ids[kind](p, i)) for i in range(_school_counts[kind](p))]

    @property
    def classes(self):
        """Class ids, in the school's order (the index is the class number)."""
        return self._ids("class")

    @property
    def teachers(self):
        return self._ids("teacher")

    @property
    def subjects(self):
        return self._ids("subject")

    @property
    def rooms(self):
        return self._ids("room")

    @property
    def lesson_count(self):
        return _school_counts["lesson"](self._p())

    def teacher_name(self, teacher):
        return _str(_school_teacher_name(self._p(), self._index(teacher, self.teachers)))

    def subject_name(self, subject, lang="ru"):
        return _str(_school_subject_name(self._p(), self._index(subject, self.subjects), _bytes(lang)))

    @staticmethod
    def _index(key, ids):
        if isinstance(key, int):
            if not 0 <= key < len(ids):
                raise IndexError(key)
            return key
        return ids.index(key)

    def precheck(self):
        """Runs the counting arguments; a list of PrecheckFinding(level, kind, message) with
        level "info", "warning" or "impossible", and an `impossible` attribute."""
        ptr = _c_void_p()
        _check(_precheck_run(ctypes.byref(ptr), self._p()))
        try:
            out = Precheck()
            for i in range(_precheck_count(ptr)):
                f = _precheck_get(ptr, i).contents
                out.append(PrecheckFinding(_PRECHECK_LEVELS.get(f.level, str(f.level)), _str(f.kind),
                                           _str(f.message)))
            out.impossible = bool(_precheck_impossible(ptr))
            return out
        finally:
            _precheck_free(ptr)

    def solve(self, method="local", time_limit=10.0, seed=1, iterations=0, start=None):
        """Builds a timetable. Returns it even when it is not hard-feasible (the
        library's best partial timetable): `tt.solve_result` tells the status, whether
        it is feasible and which lessons stayed unplaced and why. Raises ScheduleError
        only when no timetable came back. `start` (a Timetable) is a warm start."""
        opts = _solve_options(method, time_limit, seed, iterations)
        if start is not None:
            if start.school is not self:
                raise ValueError("the warm start must be a timetable of this school")
            opts.from_ = start._p()
        tt, res = _c_void_p(), _c_void_p()
        rc = _solve(ctypes.byref(tt), ctypes.byref(res), self._p(), ctypes.byref(opts))
        if not tt:
            if res:
                _result_free(res)
            raise _error(rc if rc < 0 else -11)
        try:
            result = _solve_result(rc, res)
        finally:
            if res:
                _result_free(res)
        timetable = Timetable(tt, self)
        timetable.solve_result = result
        return timetable


def _solve_options(method, time_limit, seed, iterations=0):
    code = _method_parse(_bytes(method)) if isinstance(method, str) else int(method)
    if code < 0:
        raise InvalidError(-2, "unknown solve method %r" % (method,))
    opts = _SolveOptions()
    _check(_solve_options_init(ctypes.byref(opts), _SOLVE_OPTIONS_VERSION))
    opts.method = code
    opts.time_limit = float(time_limit) if time_limit is not None else 0.0
    opts.seed = int(seed)
    opts.iterations = int(iterations or 0)
    return opts


SolveResult = namedtuple("SolveResult",
                         "status feasible hard soft iterations seconds unplaced proved_infeasible conflicting_rules")
SolveResult.__doc__ = """What a solve found: status is the SCH_* name sch_solve returned ("SCH_OK",
"SCH_EINFEASIBLE", "SCH_ETIMEOUT"...), unplaced a list of (lesson, reason), proved_infeasible
whether the search proved that no timetable meets every hard rule, conflicting_rules the rules
that proof needs, in words."""


def _solve_result(rc, res):
    if not res:
        return SolveResult(_str(_status_name(rc)), rc == 0, None, None, None, None, [], False, [])
    cost = _result_cost(res)
    unplaced = [(_result_unplaced_lesson(res, i), _str(_result_unplaced_reason(res, i)))
                for i in range(_result_unplaced_count(res))]
    return SolveResult(_str(_status_name(_result_status(res))), bool(_result_feasible(res)),
                       cost >> 32, cost & 0xffffffff, _result_iterations(res), _result_seconds(res),
                       unplaced, bool(_result_proved_infeasible(res)),
                       [_str(_result_conflict(res, i)) for i in range(_result_conflict_count(res))])


_FORMATS = {"yaml": 0, "json": 1}


def _format(path, format):
    if format is None:
        format = "json" if os.fspath(path).lower().endswith(".json") else "yaml"
    if format not in _FORMATS:
        raise ValueError("format must be 'yaml' or 'json'")
    return _FORMATS[format]


class Timetable(_Handle):
    """Where each lesson of a school is placed. Holds its School alive."""

    _free_fn = staticmethod(_tt_free)

    def __init__(self, ptr, school):
        super().__init__(ptr)
        self.school = school
        self.solve_result = None
        self.warnings = []
        school._children.add(self)

    @classmethod
    def load(cls, school, path):
        """Loads a YAML or JSON timetable of `school`; warnings (skipped lessons) are in
        `tt.warnings`."""
        ptr = _c_void_p()
        with _Diags() as diags:
            rc = _tt_load(ctypes.byref(ptr), school._p(), _bytes(path), diags.ptr)
            lines = diags.lines()
        if rc < 0:
            raise _error(rc, lines)
        tt = cls(ptr, school)
        tt.warnings = lines
        return tt

    def copy(self):
        ptr = _c_void_p()
        _check(_tt_copy(ctypes.byref(ptr), self._p()))
        return Timetable(ptr, self.school)

    def save(self, path, format=None):
        """Writes atomically; the format follows the extension (.json) unless given."""
        _check(_tt_save(self._p(), _bytes(path), _format(path, format)))

    def to_string(self, format="yaml"):
        buf, n = _c_void_p(), _c_size()
        _check(_tt_to_string(ctypes.byref(buf), ctypes.byref(n), self._p(), _format("", format)))
        try:
            return ctypes.string_at(buf, n.value).decode("utf-8")
        finally:
            _free(buf)

    def get(self, lesson):
        """(day, period), 0-based, or None when the lesson is unplaced."""
        day, period = _c_int(), _c_int()
        _check(_tt_get(self._p(), int(lesson), ctypes.byref(day), ctypes.byref(period)))
        return None if day.value < 0 else (day.value, period.value)

    def set(self, lesson, day, period=0):
        """Places a lesson at (day, period), or unplaces it with day None."""
        _check(_tt_set(self._p(), int(lesson), -1 if day is None else int(day), int(period)))

    @property
    def placed_count(self):
        return _tt_placed(self._p())

    def __len__(self):
        return self.school.lesson_count

    def placements(self):
        """[get(lesson) for every lesson]."""
        return [self.get(i) for i in range(len(self))]

    def verify(self, reference=None):
        """Checks the timetable against every rule; a Report."""
        ptr = _c_void_p()
        _check(_verify(ctypes.byref(ptr), self._p(), reference._p() if reference is not None else None))
        try:
            return Report._from(ptr)
        finally:
            _report_free(ptr)


Finding = namedtuple("Finding", "term hard amount weight day period lesson message")


def _terms():
    out, t = [], 0
    while True:
        name = _str(_term_name(t))
        if name == "unknown" or t > 255:
            return out
        out.append((t, name))
        t += 1


_TERMS = _terms()


class Report:
    """The verifier's findings: hard (violations), soft (weighted cost), terms
    {name: (amount, cost)} for every term, findings [Finding]; day, period and
    lesson are None when the finding is not about one."""

    def __init__(self, hard, soft, terms, findings):
        self.hard, self.soft, self.terms, self.findings = hard, soft, terms, findings

    @classmethod
    def _from(cls, ptr):
        terms = {name: (_report_term_amount(ptr, t), _report_term_cost(ptr, t)) for t, name in _TERMS}
        findings = []
        for i in range(_report_count(ptr)):
            f = _report_get(ptr, i).contents
            findings.append(Finding(_str(_term_name(f.term)), bool(_term_is_hard(f.term)), f.amount, f.weight,
                                    None if f.day < 0 else f.day, None if f.period < 0 else f.period,
                                    None if f.lesson < 0 else f.lesson, _str(f.message)))
        return cls(_report_hard(ptr), _report_soft(ptr), terms, findings)

    def __repr__(self):
        return "Report(hard=%d, soft=%d, findings=%d)" % (self.hard, self.soft, len(self.findings))


# ---- the school database ----

ImportInfo = namedtuple("ImportInfo", "revision unchanged versions flagged")
Version = namedtuple("Version", "number active stale revision method seed seconds hard soft "
                     "created_at created_by command note lessons placed")

_STORE_CREATE, _STORE_READONLY, _STORE_CHECK = 1, 2, 4


class Store(_Handle):
    """A school database (one SQLite file per school) with timetable versions."""

    _free_fn = staticmethod(_store_close)

    @classmethod
    def open(cls, path, create=False, readonly=False, check=False):
        flags = (_STORE_CREATE if create else 0) | (_STORE_READONLY if readonly else 0) | \
            (_STORE_CHECK if check else 0)
        ptr = _c_void_p()
        _check(_store_open(ctypes.byref(ptr), _bytes(path), flags))
        return cls(ptr)

    @property
    def path(self):
        return _str(_store_path(self._p()))

    def import_school(self, school):
        info = _ImportInfo()
        _check(_store_import(self._p(), school._p(), ctypes.byref(info)))
        return ImportInfo(info.revision, bool(info.unchanged), info.versions, info.flagged)

    def load_school(self):
        ptr = _c_void_p()
        with _Diags() as diags:
            rc = _store_load_school(ctypes.byref(ptr), self._p(), diags.ptr)
            lines = diags.lines()
        if rc < 0:
            raise _error(rc, lines)
        return School(ptr, lines)

    def save_timetable(self, tt, method=None, seed=0, seconds=0.0, command=None, user=None, note=None,
                       activate=True):
        """Saves `tt` as a new version (the verifier computes its cost); returns its number."""
        opts = _SaveOptions(_SAVE_OPTIONS_VERSION, _bytes(method), int(seed), float(seconds), -1, -1,
                            _bytes(command), _bytes(user), _bytes(note), 1 if activate else 0)
        number = _c_int()
        _check(_store_save_tt(ctypes.byref(number), self._p(), tt._p(), ctypes.byref(opts)))
        return number.value

    def versions(self):
        """The timetable versions, oldest first."""
        lst = _VersionList()
        _check(_store_versions(ctypes.byref(lst), self._p()))
        try:
            out = []
            for i in range(lst.count):
                v = lst.items[i]
                out.append(Version(v.number, bool(v.active), bool(v.stale), v.revision, _str(v.method),
                                   v.seed, v.seconds, v.hard, v.soft, _str(v.created_at), _str(v.created_by),
                                   _str(v.command), _str(v.note), v.lessons, v.placed))
            return out
        finally:
            _store_versions_dispose(ctypes.byref(lst))

    @property
    def active(self):
        """The active version's number, 0 when there is none."""
        n = _c_int()
        _check(_store_active(ctypes.byref(n), self._p()))
        return n.value

    def activate(self, number):
        _check(_store_activate(self._p(), int(number)))

    def load_timetable(self, school, number=0):
        """Loads version `number` (0: the active one) onto `school`."""
        ptr, skipped = _c_void_p(), _c_int()
        _check(_store_load_tt(ctypes.byref(ptr), self._p(), int(number), school._p(), ctypes.byref(skipped)))
        tt = Timetable(ptr, school)
        tt.skipped = skipped.value
        return tt


# ---- FET and XHSTT ----

FetItem = namedtuple("FetItem", "what count reason line")
FetItem.__doc__ = """A kind of thing a FET import could not carry over (an unsupported constraint
type, skipped activities): how often, why, and the line of its first occurrence."""
FetReport = namedtuple("FetReport", "activities lines inactive_activities constraints mapped ignored "
                       "unsupported items notes")
FetReport.__doc__ = """What a FET import did (sch_fet_report): activities read, load lines made,
inactive activities skipped; constraints read = mapped + ignored (without effect in FET
either) + unsupported; items [FetItem]; notes [str], the guesses the import made."""


def _fet_report(r):
    return FetReport(r.activities, r.lines, r.inactive_activities, r.constraints, r.mapped, r.ignored,
                     r.unsupported,
                     [FetItem(_str(r.items[i].what), r.items[i].count, _str(r.items[i].reason), r.items[i].line)
                      for i in range(r.n_items)],
                     [_str(r.notes[i]) for i in range(r.n_notes)])


_INT_MAX = 2 ** 31 - 1


def _index(i, what="solution"):
    # c_int arguments wrap silently: an index beyond int is refused here.
    if isinstance(i, bool):
        raise TypeError("%s index must be an int, not bool" % what)
    try:
        i = i.__index__()
    except AttributeError:
        raise TypeError("%s index must be an int, not %s" % (what, type(i).__name__)) from None
    if not -_INT_MAX - 1 <= i <= _INT_MAX:
        raise InvalidError(-2, "no %s %d" % (what, i))
    return i


def _xhstt_splits(splits, searched=False):
    if isinstance(splits, str):
        if splits == "own" or (searched and splits == "searched"):
            return _XHSTT_SPLITS_OWN
        if splits == "best":
            return _XHSTT_SPLITS_BEST
    elif not isinstance(splits, bool) and hasattr(splits, "__index__"):
        i = _index(splits)
        if i >= 0:  # negative numbers are the library's SPLITS_* constants: no index
            return i
    raise InvalidError(-2, "splits must be %s'own', 'best' or the 0-based index of an embedded solution, not %r" %
                       ("'searched', " if searched else "", splits))


def _xhstt_import_options(splits, strict, instance, searched=False):
    return _XhsttImportOptions(_XHSTT_IMPORT_OPTIONS_VERSION, _bytes(instance), _xhstt_splits(splits, searched),
                               1 if strict else 0)


XhsttInstance = namedtuple("XhsttInstance", "id name times resources events constraints instances_skipped")
XhsttSolution = namedtuple("XhsttSolution", "group contributor description date reported_infeasibility "
                           "reported_objective sub_events line")
XhsttSolution.__doc__ = """An embedded solution: its SolutionGroup's id, contributor and date, its
description (None when absent), the costs its Report states (None without a Report), the
sub-events read and the line of the Solution element."""
XhsttConstraintCost = namedtuple("XhsttConstraintCost", "id name type supported required weight points "
                                 "violated deviation cost")
XhsttCost = namedtuple("XhsttCost", "infeasibility objective unsupported constraints")
XhsttCost.__doc__ = """The XHSTT cost of a solution: infeasibility (required constraints), objective
(the others), unsupported (constraints of unknown types, not evaluated) and the breakdown
[XhsttConstraintCost] in instance order."""


class Xhstt(_Handle):
    """An XHSTT (ITC 2011) archive: its first instance and the solutions of it, which
    can be evaluated, extended by timetables of the instance and written out.
    Solutions are counted from 0 (the library's messages count them from 1)."""

    _free_fn = staticmethod(_xhstt_free)

    @classmethod
    def load(cls, path):
        ptr = _c_void_p()
        _check(_xhstt_load(ctypes.byref(ptr), _bytes(path)))
        return cls(ptr)

    @property
    def instance(self):
        i = _XhsttInstanceInfo()
        _xhstt_instance(self._p(), ctypes.byref(i))
        return XhsttInstance(_str(i.id), _str(i.name), i.times, i.resources, i.events, i.constraints,
                             i.instances_skipped)

    @property
    def solution_count(self):
        return _xhstt_solution_count(self._p())

    def __len__(self):
        return self.solution_count

    def solution(self, i):
        """The XhsttSolution of solution i."""
        s = _XhsttSolution()
        _check(_xhstt_solution_info(self._p(), _index(i), ctypes.byref(s)))
        report = bool(s.has_report)
        return XhsttSolution(_str(s.group), _str(s.contributor), _str(s.description), _str(s.date),
                             s.reported_infeasibility if report else None, s.reported_objective if report else None,
                             s.sub_events, s.line)

    @property
    def solutions(self):
        """[XhsttSolution] in file order (and those added after)."""
        return [self.solution(i) for i in range(self.solution_count)]

    def evaluate(self, i):
        """The XhsttCost of solution i, as the XHSTT specification defines it."""
        c = _XhsttCost()
        _check(_xhstt_evaluate(self._p(), _index(i), ctypes.byref(c)))
        try:
            return XhsttCost(c.infeasibility, c.objective, c.unsupported,
                             [XhsttConstraintCost(_str(k.id), _str(k.name), _str(k.type), bool(k.supported),
                                                  bool(k.required), k.weight, k.points, k.violated, k.deviation,
                                                  k.cost)
                              for k in (c.constraints[j] for j in range(c.count))])
        finally:
            _xhstt_cost_free(ctypes.byref(c))

    def to_school(self, splits="own", strict=False):
        """The school of the instance, as School.import_xhstt() of the archive's file."""
        opts = _xhstt_import_options(splits, strict, None)
        ptr = _c_void_p()
        with _Diags() as diags:
            rc = _xhstt_to_school(self._p(), ctypes.byref(opts), ctypes.byref(ptr), diags.ptr)
            if rc < 0:
                raise _error(rc, diags.lines())
            return School(ptr, diags.lines())

    def solve(self, time_limit=10.0, seed=1, method="local", splits="searched", strict=False):
        """Solves the instance; returns (school, timetable, status) with status the SCH_*
        name ("SCH_OK", "SCH_EINFEASIBLE": the timetable still has hard violations).
        splits "searched" (sch_xhstt_solve: the events' splits searched too; method
        greedy does one solve of the importer's splits), "best" or an index (the splits of
        embedded solutions, one solve), "own" (the importer's splits, one School.solve:
        its status is the school's, without the cost of the splits themselves). Add the
        timetable with add_timetable() and evaluate() it for the XHSTT cost."""
        if splits == "own":
            school = self.to_school("own", strict)
            try:
                tt = school.solve(method=method, time_limit=time_limit, seed=seed)
            except BaseException:
                school.close()
                raise
            return school, tt, tt.solve_result.status
        iopts = _xhstt_import_options(splits, strict, None, searched=True)
        sopts = _solve_options(method, time_limit, seed)
        school, tt = _c_void_p(), _c_void_p()
        with _Diags() as diags:
            rc = _xhstt_solve(ctypes.byref(school), ctypes.byref(tt), self._p(), ctypes.byref(iopts),
                              ctypes.byref(sopts), diags.ptr)
            lines = diags.lines()
        if not tt:  # then there is no school either
            raise _error(rc if rc < 0 else -11, lines)
        s = School(school, lines)
        timetable = Timetable(tt, s)
        timetable.solve_result = _solve_result(rc, None)
        return s, timetable, timetable.solve_result.status

    def add_timetable(self, tt, group="libschedule"):
        """Appends a solution made from `tt` (a timetable of a school imported from this
        archive) to the SolutionGroup `group`; returns its index."""
        index = _c_int(-1)
        _check(_xhstt_add_timetable(self._p(), tt._p(), _bytes(group), ctypes.byref(index)))
        return index.value

    def solution_timetable(self, i, school):
        """The Timetable of solution i for `school`, imported from this archive with the
        same splits as the solution (e.g. splits=i)."""
        ptr = _c_void_p()
        _check(_xhstt_solution_timetable(self._p(), _index(i), school._p(), ctypes.byref(ptr)))
        return Timetable(ptr, school)

    def write_solution(self, i, path):
        """Writes the instance with solution i alone to `path` (atomically)."""
        _check(_xhstt_write_solution(self._p(), _index(i), _bytes(path)))

    def solution_to_string(self, i):
        """The archive write_solution() writes, as a str."""
        buf, n = _c_void_p(), _c_size()
        _check(_xhstt_solution_to_string(ctypes.byref(buf), ctypes.byref(n), self._p(), _index(i)))
        try:
            return ctypes.string_at(buf, n.value).decode("utf-8")
        finally:
            _free(buf)


def version():
    """The library's version string ("0.1.0")."""
    return _str(_version())
