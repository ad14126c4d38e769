-- A delivery fleet: schema "fleet", no foreign keys declared, a wide vehicles table with unit suffixes
-- (_km, _l, _cents) and columns that share words (service interval km, last service km, last service date).
CREATE SCHEMA fleet;

CREATE TABLE fleet.vehicles (
  vehicle_id           integer PRIMARY KEY,
  plate_number         text NOT NULL,
  make                 text NOT NULL,
  model                text NOT NULL,
  vehicle_type         text NOT NULL,
  model_year           integer NOT NULL,
  fuel_type            text NOT NULL,
  tank_capacity_l      numeric(5, 1) NOT NULL,
  odometer_km          integer NOT NULL,
  service_interval_km  integer NOT NULL,
  last_service_km      integer NOT NULL,
  last_service_date    date NOT NULL,
  purchase_price_cents bigint NOT NULL,
  insurance_cost_cents integer NOT NULL,
  active               boolean NOT NULL
);
INSERT INTO fleet.vehicles
SELECT n,
  'AA-' || lpad((n * 37 % 100)::text, 2, '0') || '-' || chr(65 + n % 26) || chr(65 + (n * 7) % 26),
  m.make, m.model, m.vehicle_type,
  2015 + (n * 3) % 10,
  (ARRAY['diesel', 'diesel', 'electric', 'petrol', 'diesel', 'hybrid'])[1 + n % 6],
  CASE m.vehicle_type WHEN 'van' THEN 70.0 WHEN 'truck' THEN 200.0 ELSE 50.0 END,
  12000 + (n * 7919) % 240000,
  CASE m.vehicle_type WHEN 'truck' THEN 40000 ELSE 20000 END,
  10000 + (n * 6151) % 200000,
  date '2024-01-15' + (n * 13) % 500,
  (2500000 + (n * 104729) % 9000000)::bigint,
  90000 + (n * 3571) % 150000,
  n % 7 <> 0
FROM generate_series(1, 40) AS n
JOIN (VALUES
  (0, 'Renault', 'Master', 'van'), (1, 'Ford', 'Transit', 'van'), (2, 'Mercedes', 'Sprinter', 'van'),
  (3, 'Volvo', 'FH16', 'truck'), (4, 'Renault', 'Kangoo', 'car'), (5, 'Mercedes', 'Actros', 'truck'),
  (6, 'Ford', 'Transit', 'van')
) AS m (slot, make, model, vehicle_type) ON m.slot = n % 7;

CREATE TABLE fleet.drivers (
  driver_id     integer PRIMARY KEY,
  driver_name   text NOT NULL,
  license_class text NOT NULL,
  home_depot    text NOT NULL,
  hired_at      date NOT NULL
);
INSERT INTO fleet.drivers
SELECT n,
  (ARRAY['Abel', 'Bruna', 'Caio', 'Dora', 'Edu', 'Fatima', 'Gil', 'Heloisa'])[1 + n % 8] || ' ' ||
  (ARRAY['Amaral', 'Barros', 'Cunha', 'Duarte', 'Esteves'])[1 + n % 5],
  (ARRAY['B', 'C', 'C', 'CE', 'B'])[1 + n % 5],
  (ARRAY['Lisbon', 'Porto', 'Lisbon', 'Setubal'])[1 + n % 4],
  date '2018-03-01' + n * 71
FROM generate_series(1, 30) AS n;

CREATE TABLE fleet.trips (
  trip_id         integer PRIMARY KEY,
  vehicle_id      integer NOT NULL,
  driver_id       integer NOT NULL,
  started_at      timestamptz NOT NULL,
  ended_at        timestamptz,
  distance_km     numeric(7, 1) NOT NULL,
  fuel_used_l     numeric(6, 1) NOT NULL,
  revenue_cents   integer NOT NULL,
  toll_cost_cents integer NOT NULL,
  trip_status     text NOT NULL
);
INSERT INTO fleet.trips
SELECT n, 1 + (n * 13) % 40, 1 + ((n * 7) % 31) % 30,
  timestamptz '2024-01-03 06:00:00+00' + (n * 0.6) * interval '1 day',
  CASE WHEN n % 25 = 0 THEN NULL ELSE timestamptz '2024-01-03 06:00:00+00' + (n * 0.6) * interval '1 day' + (2 + n % 9) * interval '1 hour' END,
  round((15 + (n * 47) % 600)::numeric + (n % 10) / 10.0, 1),
  round((2 + (n * 13) % 90)::numeric + (n % 4) / 4.0, 1),
  4000 + (n * 2719) % 60000,
  CASE WHEN n % 3 = 0 THEN 0 ELSE 150 + (n * 37) % 2000 END,
  CASE WHEN n % 25 = 0 THEN 'in progress' WHEN n % 31 = 0 THEN 'cancelled' ELSE 'completed' END
FROM generate_series(1, 900) AS n;

ANALYZE;
