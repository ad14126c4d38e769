-- A small clinic: all tables in the schema "clinic", no foreign keys declared, ids named <entity>_id.
CREATE SCHEMA clinic;

CREATE TABLE clinic.doctors (
  id               integer PRIMARY KEY,
  full_name        text NOT NULL,
  specialty        text NOT NULL,
  hired_on         date NOT NULL,
  consultation_fee numeric(8, 2) NOT NULL
);
INSERT INTO clinic.doctors VALUES
  (1, 'Ana Costa', 'Cardiology', '2012-03-01', 120.00),
  (2, 'Bruno Silva', 'Dermatology', '2016-09-15', 90.00),
  (3, 'Carla Mendes', 'Pediatrics', '2019-01-07', 75.00),
  (4, 'David Rocha', 'Cardiology', '2021-05-20', 110.00),
  (5, 'Eva Lopes', 'Orthopedics', '2015-11-02', 100.00),
  (6, 'Filipe Nunes', 'General Practice', '2010-06-30', 60.00),
  (7, 'Gabriela Pinto', 'General Practice', '2022-02-14', 65.00),
  (8, 'Hugo Santos', 'Neurology', '2018-04-23', 130.00),
  (9, 'Ines Correia', 'Pediatrics', '2023-08-01', 80.00),
  (10, 'Joao Alves', 'Dermatology', '2020-10-12', 95.00),
  (11, 'Lara Ferreira', 'General Practice', '2024-01-15', 70.00),
  (12, 'Miguel Sousa', 'Orthopedics', '2013-07-08', 105.00);

CREATE TABLE clinic.patients (
  id             integer PRIMARY KEY,
  first_name     text NOT NULL,
  last_name      text NOT NULL,
  city_name      text NOT NULL,
  birth_year     integer NOT NULL,
  insurance_type text,
  registered_at  timestamptz NOT NULL
);
INSERT INTO clinic.patients
SELECT n,
  (ARRAY['Rita', 'Pedro', 'Sofia', 'Tiago', 'Marta', 'Rui', 'Joana', 'Nuno', 'Beatriz', 'Andre'])[1 + n % 10],
  (ARRAY['Oliveira', 'Martins', 'Ribeiro', 'Carvalho', 'Gomes', 'Teixeira', 'Moreira'])[1 + n % 7],
  (ARRAY['Lisbon', 'Porto', 'Lisbon', 'Braga', 'Coimbra', 'Lisbon', 'Porto', 'Faro'])[1 + n % 8],
  1940 + (n * 7) % 70,
  CASE WHEN n % 9 = 0 THEN NULL ELSE (ARRAY['public', 'private', 'premium'])[1 + n % 3] END,
  timestamptz '2022-07-01 09:00:00+00' + (n * 12) * interval '1 day' + (n % 5) * interval '1 hour'
FROM generate_series(1, 90) AS n;

CREATE TABLE clinic.appointments (
  id               integer PRIMARY KEY,
  patient_id       integer NOT NULL,
  doctor_id        integer NOT NULL,
  scheduled_at     timestamptz NOT NULL,
  status           text NOT NULL,
  duration_minutes integer NOT NULL
);
INSERT INTO clinic.appointments
SELECT n, 1 + (n * 37) % 90, 1 + ((n * 5) % 13) % 12,
  timestamptz '2023-01-02 08:00:00+00' + (n * 1.4) * interval '1 day' + (n % 9) * interval '1 hour',
  (ARRAY['completed', 'completed', 'completed', 'cancelled', 'no-show', 'completed', 'scheduled'])[1 + n % 7],
  (ARRAY[15, 20, 30, 45, 60])[1 + (n * 3) % 5]
FROM generate_series(1, 640) AS n;

CREATE TABLE clinic.prescriptions (
  id             integer PRIMARY KEY,
  appointment_id integer NOT NULL,
  drug_name      text NOT NULL,
  dosage_mg      integer NOT NULL,
  refills        integer NOT NULL
);
INSERT INTO clinic.prescriptions
SELECT n, 1 + (n * 3) % 640,
  (ARRAY['Amoxicillin', 'Ibuprofen', 'Lisinopril', 'Metformin', 'Atorvastatin', 'Omeprazole', 'Ibuprofen'])[1 + n % 7],
  (ARRAY[10, 20, 50, 100, 250, 500])[1 + (n * 5) % 6], n % 4
FROM generate_series(1, 420) AS n;

ANALYZE;
