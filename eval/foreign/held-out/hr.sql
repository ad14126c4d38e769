-- Human resources: tbl_ prefixes, abbreviated names (emp, dept), declared foreign keys for some links only.
CREATE TABLE tbl_departments (
  dept_id       integer PRIMARY KEY,
  dept_name     text NOT NULL,
  location      text NOT NULL,
  budget_amount numeric(12, 2) NOT NULL
);
INSERT INTO tbl_departments VALUES
  (1, 'Engineering', 'Berlin', 2400000.00),
  (2, 'Sales', 'Madrid', 1300000.00),
  (3, 'Marketing', 'Berlin', 850000.00),
  (4, 'Finance', 'Lisbon', 600000.00),
  (5, 'People', 'Lisbon', 420000.00),
  (6, 'Support', 'Warsaw', 700000.00);

CREATE TABLE tbl_employees (
  emp_id        integer PRIMARY KEY,
  emp_name      text NOT NULL,
  dept_id       integer REFERENCES tbl_departments (dept_id),
  job_title     text NOT NULL,
  hire_date     date NOT NULL,
  salary_amount numeric(10, 2) NOT NULL,
  is_remote     boolean NOT NULL
);
INSERT INTO tbl_employees
SELECT n,
  (ARRAY['Anna', 'Bilal', 'Carmen', 'Dmitri', 'Elif', 'Frank', 'Greta', 'Hiro', 'Irene', 'Jan'])[1 + n % 10] || ' ' ||
  (ARRAY['Kowalski', 'Nowak', 'Garcia', 'Schulz', 'Yilmaz', 'Dias', 'Berg'])[1 + n % 7],
  CASE WHEN n = 60 THEN NULL ELSE 1 + (n * 7) % 6 END,
  (ARRAY['Engineer', 'Senior Engineer', 'Analyst', 'Manager', 'Specialist', 'Engineer'])[1 + n % 6],
  date '2016-01-11' + n * 57,
  round((38000 + (n * 1373) % 52000)::numeric, 2),
  n % 4 = 1
FROM generate_series(1, 60) AS n;

CREATE TABLE tbl_timesheets (
  timesheet_id integer PRIMARY KEY,
  emp_id       integer NOT NULL REFERENCES tbl_employees (emp_id),
  work_date    date NOT NULL,
  hours_worked numeric(4, 1) NOT NULL,
  project_code text NOT NULL,
  overtime     boolean NOT NULL
);
INSERT INTO tbl_timesheets
SELECT n, 1 + (n * 11) % 60, date '2025-01-02' + (n * 179) / 1000,
  round((4 + (n * 13) % 7)::numeric + (n % 2) * 0.5, 1),
  (ARRAY['APOLLO', 'ZEPHYR', 'ORION', 'APOLLO', 'VEGA'])[1 + n % 5],
  n % 8 = 0
FROM generate_series(1, 1000) AS n;

CREATE TABLE tbl_leave_requests (
  request_id     integer PRIMARY KEY,
  emp_id         integer NOT NULL,
  leave_type     text NOT NULL,
  start_date     date NOT NULL,
  days_requested integer NOT NULL,
  approved       boolean
);
INSERT INTO tbl_leave_requests
SELECT n, 1 + (n * 17) % 60, (ARRAY['vacation', 'sick', 'vacation', 'parental', 'unpaid', 'sick'])[1 + n % 6],
  date '2023-02-06' + n * 7, 1 + (n * 5) % 14,
  CASE WHEN n % 10 = 0 THEN NULL ELSE n % 7 <> 3 END
FROM generate_series(1, 120) AS n;

ANALYZE;
