-- A school: schema "school", singular table names, lower-case identifiers run together (studentid, gradelevel),
-- no foreign keys declared.
CREATE SCHEMA school;

CREATE TABLE school.teacher (
  id        integer PRIMARY KEY,
  fullname  text NOT NULL,
  subject   text NOT NULL,
  startyear integer NOT NULL
);
INSERT INTO school.teacher VALUES
  (1, 'Helen Park', 'Math', 2008),
  (2, 'Omar Haddad', 'Math', 2015),
  (3, 'Julia Weiss', 'Science', 2011),
  (4, 'Kofi Mensah', 'History', 2019),
  (5, 'Lucia Romero', 'English', 2005),
  (6, 'Peter Lang', 'Science', 2021),
  (7, 'Sana Iqbal', 'Art', 2017),
  (8, 'Victor Hugo Reis', 'English', 2013),
  (9, 'Mei Chen', 'Math', 2023);

CREATE TABLE school.course (
  id        integer PRIMARY KEY,
  title     text NOT NULL,
  teacherid integer NOT NULL,
  credits   integer NOT NULL,
  semester  text NOT NULL
);
INSERT INTO school.course VALUES
  (1, 'Algebra I', 1, 4, 'Fall'),
  (2, 'Geometry', 2, 4, 'Spring'),
  (3, 'Calculus', 9, 5, 'Fall'),
  (4, 'Biology', 3, 4, 'Fall'),
  (5, 'Chemistry', 6, 4, 'Spring'),
  (6, 'Physics', 3, 5, 'Spring'),
  (7, 'World History', 4, 3, 'Fall'),
  (8, 'Literature', 5, 3, 'Spring'),
  (9, 'Creative Writing', 8, 2, 'Fall'),
  (10, 'Painting', 7, 2, 'Spring'),
  (11, 'Statistics', 1, 3, 'Spring'),
  (12, 'Algebra II', 2, 4, 'Spring');

CREATE TABLE school.student (
  id          integer PRIMARY KEY,
  firstname   text NOT NULL,
  lastname    text NOT NULL,
  gradelevel  integer NOT NULL,
  homeroom    text NOT NULL,
  enrolledon  date NOT NULL,
  scholarship boolean NOT NULL
);
INSERT INTO school.student
SELECT n,
  (ARRAY['Ava', 'Liam', 'Mia', 'Noah', 'Zoe', 'Eli', 'Ivy', 'Leo', 'Ada', 'Max', 'Uma'])[1 + n % 11],
  (ARRAY['Smith', 'Brown', 'Jones', 'Davis', 'Clark', 'Lewis', 'Walker'])[1 + n % 7],
  9 + n % 4,
  (ARRAY['A1', 'A2', 'B1', 'B2', 'C1'])[1 + (n * 3) % 5],
  date '2021-09-01' + ((n * 5) % 4) * 365 + n % 20,
  n % 6 = 0
FROM generate_series(1, 96) AS n;

CREATE TABLE school.enrollment (
  id         integer PRIMARY KEY,
  studentid  integer NOT NULL,
  courseid   integer NOT NULL,
  grade      numeric(4, 1),
  enrolledat timestamptz NOT NULL,
  status     text NOT NULL
);
INSERT INTO school.enrollment
SELECT n, 1 + (n * 7) % 96, 1 + ((n * 5) % 13) % 12,
  CASE WHEN n % 9 = 4 THEN NULL ELSE round((50 + (n * 37) % 50)::numeric + (n % 3) * 0.5, 1) END,
  timestamptz '2022-09-01 10:00:00+00' + ((n * 19) / 10) * interval '1 day',
  CASE WHEN n % 9 = 4 THEN 'dropped' WHEN n % 5 = 0 THEN 'in progress' ELSE 'completed' END
FROM generate_series(1, 520) AS n;

ANALYZE;
