-- A CRM export: camelCase names with a "crm" prefix on every table, abbreviated columns, no foreign keys declared;
-- deals and customers share the column "customerId".
CREATE TABLE "crmAgent" (
  "agentId"   integer PRIMARY KEY,
  "agentName" text NOT NULL,
  "agentTeam" text NOT NULL,
  "hireDate"  date NOT NULL
);
INSERT INTO "crmAgent" VALUES
  (1, 'Alice Moreau', 'North', '2019-04-01'),
  (2, 'Ben Carter', 'North', '2021-06-14'),
  (3, 'Chloe Dubois', 'South', '2020-01-20'),
  (4, 'Daniel Weber', 'South', '2023-03-06'),
  (5, 'Emma Rossi', 'East', '2022-09-12'),
  (6, 'Felix Braun', 'East', '2023-11-27'),
  (7, 'Grace Kim', 'West', '2018-07-30'),
  (8, 'Henry Novak', 'North', '2023-05-15');

CREATE TABLE "crmCustomer" (
  "customerId"    integer PRIMARY KEY,
  "custFirstName" text NOT NULL,
  "custLastName"  text NOT NULL,
  "custCity"      text NOT NULL,
  "custSegment"   text NOT NULL,
  "createdDate"   date NOT NULL
);
INSERT INTO "crmCustomer"
SELECT n,
  (ARRAY['Louis', 'Marie', 'Jonas', 'Lea', 'Pablo', 'Sara', 'Tom', 'Nina', 'Omar'])[1 + n % 9],
  (ARRAY['Martin', 'Bernard', 'Garcia', 'Muller', 'Schmidt', 'Lopez'])[1 + n % 6],
  (ARRAY['Paris', 'Lyon', 'Porto', 'Madrid', 'Paris', 'Berlin', 'Paris', 'Lyon'])[1 + n % 8],
  (ARRAY['SMB', 'SMB', 'Mid-Market', 'Enterprise'])[1 + n % 4],
  date '2022-02-01' + n * 11
FROM generate_series(1, 75) AS n;

CREATE TABLE "crmDeal" (
  "dealId"      integer PRIMARY KEY,
  "customerId"  integer NOT NULL,
  "agentId"     integer NOT NULL,
  "dealStage"   text NOT NULL,
  "dealAmount"  numeric(12, 2) NOT NULL,
  "createdDate" date NOT NULL,
  "closeDate"   date
);
INSERT INTO "crmDeal"
SELECT n, 1 + (n * 13) % 75, 1 + ((n * 4) % 9) % 8,
  (ARRAY['Open', 'Qualified', 'Proposal', 'Won', 'Lost', 'Won', 'Open'])[1 + n % 7],
  round((500 + (n * 7919) % 45000)::numeric + (n % 100) / 100.0, 2),
  date '2023-01-05' + n * 3,
  CASE WHEN n % 7 IN (3, 4, 5) THEN LEAST(date '2023-01-05' + n * 3 + 20 + n % 30, date '2025-06-30') END
FROM generate_series(1, 300) AS n;

CREATE TABLE "crmActivity" (
  "activityId"   integer PRIMARY KEY,
  "dealId"       integer NOT NULL,
  "activityType" text NOT NULL,
  "activityDate" date NOT NULL,
  "durationMin"  integer NOT NULL
);
INSERT INTO "crmActivity"
SELECT n, 1 + (n * 7) % 300, (ARRAY['Call', 'Email', 'Meeting', 'Call', 'Demo'])[1 + n % 5],
  date '2023-01-10' + (n * 9) / 10, 5 + (n * 17) % 85
FROM generate_series(1, 900) AS n;

ANALYZE;
