-- A retail data mart: dim_/fct_ prefixes, surrogate keys named like the dimension (product_key, store_id), no foreign
-- keys declared, and wide fact tables whose columns differ in one word (gross/net/tax/discount amount, visitors in/out).
CREATE TABLE dim_product (
  product_key         integer PRIMARY KEY,
  product_name        text NOT NULL,
  product_category    text NOT NULL,
  product_subcategory text NOT NULL,
  brand               text NOT NULL,
  unit_cost           numeric(10, 2) NOT NULL,
  list_price          numeric(10, 2) NOT NULL
);
INSERT INTO dim_product VALUES
  (1, 'Aurora Phone 12', 'Electronics', 'Phones', 'Aurora', 310.00, 549.00),
  (2, 'Aurora Phone 12 Mini', 'Electronics', 'Phones', 'Aurora', 250.00, 449.00),
  (3, 'Volt Tablet 10', 'Electronics', 'Tablets', 'Volt', 180.00, 329.00),
  (4, 'Volt Earbuds', 'Electronics', 'Audio', 'Volt', 22.00, 59.00),
  (5, 'Sonora Speaker', 'Electronics', 'Audio', 'Sonora', 45.00, 119.00),
  (6, 'Sonora Soundbar', 'Electronics', 'Audio', 'Sonora', 95.00, 229.00),
  (7, 'Trail Jacket', 'Clothing', 'Outerwear', 'Northpeak', 38.00, 129.00),
  (8, 'Rain Shell', 'Clothing', 'Outerwear', 'Northpeak', 27.00, 89.00),
  (9, 'Merino Sweater', 'Clothing', 'Knitwear', 'Woolly', 24.00, 79.00),
  (10, 'Cotton Tee', 'Clothing', 'Tops', 'Basico', 3.50, 14.99),
  (11, 'Linen Shirt', 'Clothing', 'Tops', 'Basico', 9.00, 34.99),
  (12, 'Chef Knife', 'Home', 'Kitchen', 'Forja', 18.00, 64.00),
  (13, 'Cast Iron Pan', 'Home', 'Kitchen', 'Forja', 21.00, 54.00),
  (14, 'Espresso Maker', 'Home', 'Kitchen', 'Cafeta', 40.00, 99.00),
  (15, 'Desk Lamp', 'Home', 'Lighting', 'Lumo', 11.00, 39.00),
  (16, 'Floor Lamp', 'Home', 'Lighting', 'Lumo', 26.00, 89.00),
  (17, 'Yoga Mat', 'Sports', 'Fitness', 'Flexa', 6.00, 24.99),
  (18, 'Dumbbell Set', 'Sports', 'Fitness', 'Flexa', 30.00, 79.99),
  (19, 'Road Helmet', 'Sports', 'Cycling', 'Velo', 28.00, 74.00),
  (20, 'Bike Lights', 'Sports', 'Cycling', 'Velo', 7.50, 29.00);

CREATE TABLE dim_store (
  store_id       integer PRIMARY KEY,
  store_name     text NOT NULL,
  city           text NOT NULL,
  region         text NOT NULL,
  opened_on      date NOT NULL,
  floor_area_sqm integer NOT NULL
);
INSERT INTO dim_store VALUES
  (1, 'Lisbon Baixa', 'Lisbon', 'South', '2012-05-10', 1450),
  (2, 'Lisbon Parque', 'Lisbon', 'South', '2018-09-01', 2200),
  (3, 'Porto Centro', 'Porto', 'North', '2014-03-22', 1800),
  (4, 'Braga Shopping', 'Braga', 'North', '2020-11-05', 950),
  (5, 'Coimbra Forum', 'Coimbra', 'Centre', '2016-06-18', 1200),
  (6, 'Faro Marina', 'Faro', 'South', '2021-04-30', 800),
  (7, 'Aveiro Canal', 'Aveiro', 'Centre', '2019-02-14', 1000),
  (8, 'Porto Boavista', 'Porto', 'North', '2023-10-01', 1650);

CREATE TABLE fct_sales (
  sale_id         integer PRIMARY KEY,
  sale_date       date NOT NULL,
  store_id        integer NOT NULL,
  product_key     integer NOT NULL,
  quantity        integer NOT NULL,
  gross_amount    numeric(12, 2) NOT NULL,
  discount_amount numeric(12, 2) NOT NULL,
  tax_amount      numeric(12, 2) NOT NULL,
  net_amount      numeric(12, 2) NOT NULL,
  payment_method  text NOT NULL,
  is_returned     boolean NOT NULL
);
INSERT INTO fct_sales
SELECT s.n, s.sale_date, s.store_id, s.product_key, s.quantity,
  s.quantity * p.list_price,
  round(s.quantity * p.list_price * s.discount_rate, 2),
  round(s.quantity * p.list_price * (1 - s.discount_rate) * 0.23, 2),
  round(s.quantity * p.list_price * (1 - s.discount_rate), 2),
  s.payment_method, s.is_returned
FROM (
  SELECT n,
    date '2023-07-01' + (n * 7) / 10 AS sale_date,
    1 + (n * 5 + n / 11) % 8 AS store_id,
    1 + (n * 7 + n / 3) % 20 AS product_key,
    1 + (n * 11) % 4 AS quantity,
    ((n * 3) % 4) * 0.05 AS discount_rate,
    (ARRAY['card', 'cash', 'card', 'mobile', 'card', 'voucher'])[1 + n % 6] AS payment_method,
    n % 17 = 0 AS is_returned
  FROM generate_series(1, 1000) AS n
) AS s
JOIN dim_product p ON p.product_key = s.product_key;

CREATE TABLE fct_store_traffic (
  store_id               integer NOT NULL,
  traffic_date           date NOT NULL,
  visitors_in            integer NOT NULL,
  visitors_out           integer NOT NULL,
  visitors_peak_hour     integer NOT NULL,
  visitors_avg_dwell_min numeric(5, 1) NOT NULL,
  staff_on_shift         integer NOT NULL,
  staff_hours            numeric(5, 1) NOT NULL,
  checkout_open_count    integer NOT NULL,
  checkout_wait_avg_sec  integer NOT NULL,
  PRIMARY KEY (store_id, traffic_date)
);
INSERT INTO fct_store_traffic
SELECT s, d::date,
  200 + (s * 37 + extract(doy FROM d)::int * 13) % 400,
  190 + (s * 37 + extract(doy FROM d)::int * 13) % 395,
  30 + (s * 11 + extract(doy FROM d)::int * 7) % 60,
  round((8 + (s * 3 + extract(doy FROM d)::int) % 20)::numeric + 0.5, 1),
  4 + (s + extract(dow FROM d)::int) % 6,
  round((30 + (s * 7 + extract(doy FROM d)::int * 3) % 40)::numeric, 1),
  2 + s % 4,
  60 + (s * 29 + extract(doy FROM d)::int * 17) % 240
FROM generate_series(1, 8) AS s, generate_series(date '2025-04-01', date '2025-06-30', interval '1 day') AS d;

ANALYZE;
