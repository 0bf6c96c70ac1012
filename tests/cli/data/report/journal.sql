-- A small journal with known marks, attendance and homework, for hand-computed reports
-- (docs/reports.md, "Fixtures"). Class 5А of examples/small.yaml: pupils 1-5 active, 6 expelled;
-- 5Б: pupil 7 only. Quarter dates are inside the 2026/27 Kyrgyz calendar's quarters.
INSERT INTO pupils(id, class, last_name, first_name, status) VALUES
  (1, '5А', 'Алиев', 'Бакыт', 'active'),
  (2, '5А', 'Бекова', 'Айгуль', 'active'),
  (3, '5А', 'Волков', 'Иван', 'active'),
  (4, '5А', 'Жумабаев', 'Нурлан', 'active'),
  (5, '5А', 'Исакова', 'Мээрим', 'active'),
  (6, '5А', 'Кадыров', 'Эрлан', 'expelled'),
  (7, '5Б', 'Лебедева', 'Ольга', 'active');

-- Lessons (topics recorded on all but lesson 6). Q1: 1-6, Q2: 7, Q3: 8, Q4: 9.
INSERT INTO journal_lessons(id, day, lesson_key, part, class, subject, teacher, period, topic) VALUES
  (1, '2026-09-14', 'fx|math|1', -1, '5А', 'math', 'asanova', 1, 'Натуральные числа'),
  (2, '2026-09-21', 'fx|math|2', -1, '5А', 'math', 'asanova', 1, 'Сложение'),
  (3, '2026-10-05', 'fx|math|3', -1, '5А', 'math', 'asanova', 1, 'Вычитание'),
  (4, '2026-09-15', 'fx|russian|1', -1, '5А', 'russian', 'petrova', 2, 'Фонетика'),
  (5, '2026-10-06', 'fx|russian|2', -1, '5А', 'russian', 'petrova', 2, 'Орфография'),
  (6, '2026-10-07', 'fx|russian|3', -1, '5А', 'russian', 'petrova', 2, ''),
  (7, '2026-11-24', 'fx|math|4', -1, '5А', 'math', 'asanova', 1, 'Умножение'),
  (8, '2027-02-02', 'fx|math|5', -1, '5А', 'math', 'asanova', 1, 'Дроби'),
  (9, '2027-04-13', 'fx|math|6', -1, '5А', 'math', 'asanova', 1, 'Проценты'),
  (10, '2026-09-16', 'fx|math|7', -1, '5Б', 'math', 'asanova', 1, 'Натуральные числа');

-- Marks of quarter 1. math: 1: 5 5 4 (4.67 -> 5), 2: 4 3 (3.5 -> 4; 3 at 0.6), 3: 3 3 4 (3.33 -> 3),
-- 4: 2 3 (2.5 -> 3; 2 at 0.6), 5: none; 6 (expelled): 5. russian: 1: 5, 2: 4 5 (4.5 -> 5), 3: 4,
-- 4: 3, 5: 4 4. 5Б: pupil 7 math 5.
INSERT INTO marks(journal_lesson, pupil, value, kind) VALUES
  (1, 1, '5', ''), (2, 1, '5', ''), (3, 1, '4', ''),
  (1, 2, '4', ''), (2, 2, '3', ''),
  (1, 3, '3', ''), (2, 3, '3', ''), (3, 3, '4', ''),
  (2, 4, '2', ''), (3, 4, '3', ''),
  (1, 6, '5', ''),
  (4, 1, '5', ''),
  (4, 2, '4', ''), (5, 2, '5', ''),
  (5, 3, '4', ''),
  (4, 4, '3', ''),
  (4, 5, '4', ''), (5, 5, '4', ''),
  (10, 7, '5', '');

-- Attendance of quarter 1: 1 absent from math twice and excused from russian once; 2 late to
-- math; 3 absent from russian; the rest present. Class 5А: Н 3, excused 1, late 1, missed 4.
INSERT INTO attendance(journal_lesson, pupil, status) VALUES
  (1, 1, 'absent'), (2, 1, 'absent'), (4, 1, 'excused'), (3, 1, 'present'),
  (1, 2, 'late'), (2, 2, 'present'),
  (5, 3, 'absent'), (1, 3, 'present'),
  (1, 4, 'present'), (1, 5, 'present');

-- Homework: math 5А 3 in Q1, 1 in Q2; russian 5А 2 in Q1; math 5Б 1 in Q1.
INSERT INTO homework(journal_lesson, text, due_day) VALUES
  (1, '№ 1-5', '2026-09-21'), (2, '№ 6-10', '2026-10-05'), (3, '№ 11-15', NULL),
  (7, '№ 40', NULL), (4, 'Упр. 3', NULL), (5, 'Упр. 7', NULL), (10, '№ 1-3', NULL);
