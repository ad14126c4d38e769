-- The sample shop: the schema every suite and example in sql-eval relies on.
-- Loaded by `sql-eval sample-db load` and by the embedded default database.

CREATE TABLE customers (
  id             integer PRIMARY KEY,
  full_name      text NOT NULL,
  email          text NOT NULL UNIQUE,
  phone          text,
  street_address text,
  city           text NOT NULL,
  country        text NOT NULL,
  created_at     timestamptz NOT NULL
);
COMMENT ON TABLE customers IS 'People who have an account in the shop.';
COMMENT ON COLUMN customers.id IS 'Customer identifier.';
COMMENT ON COLUMN customers.full_name IS 'First and last name of the customer.';
COMMENT ON COLUMN customers.email IS 'E-mail address used to sign in.';
COMMENT ON COLUMN customers.phone IS 'Contact phone number.';
COMMENT ON COLUMN customers.street_address IS 'Street and house number of the delivery address.';
COMMENT ON COLUMN customers.city IS 'City of the delivery address.';
COMMENT ON COLUMN customers.country IS 'Country of the delivery address, as an ISO 3166-1 alpha-2 code (PT, DE, US...).';
COMMENT ON COLUMN customers.created_at IS 'When the customer signed up.';

CREATE TABLE products (
  id          integer PRIMARY KEY,
  name        text NOT NULL,
  category    text NOT NULL,
  price_cents integer NOT NULL CHECK (price_cents > 0)
);
COMMENT ON TABLE products IS 'Items the shop sells.';
COMMENT ON COLUMN products.id IS 'Product identifier.';
COMMENT ON COLUMN products.name IS 'Product name shown in the shop.';
COMMENT ON COLUMN products.category IS 'Product category (Books, Electronics, Garden...).';
COMMENT ON COLUMN products.price_cents IS 'Current list price, in euro cents.';

CREATE TABLE orders (
  id          integer PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES customers (id),
  status      text NOT NULL CHECK (status IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded')),
  total_cents integer NOT NULL,
  created_at  timestamptz NOT NULL
);
COMMENT ON TABLE orders IS 'Orders placed by customers.';
COMMENT ON COLUMN orders.id IS 'Order identifier.';
COMMENT ON COLUMN orders.customer_id IS 'Customer who placed the order.';
COMMENT ON COLUMN orders.status IS 'Order status: pending, paid, shipped, delivered, cancelled or refunded.';
COMMENT ON COLUMN orders.total_cents IS 'Order total (sum of its items), in euro cents.';
COMMENT ON COLUMN orders.created_at IS 'When the order was placed.';

CREATE TABLE order_items (
  order_id         integer NOT NULL REFERENCES orders (id),
  product_id       integer NOT NULL REFERENCES products (id),
  quantity         integer NOT NULL CHECK (quantity > 0),
  unit_price_cents integer NOT NULL,
  PRIMARY KEY (order_id, product_id)
);
COMMENT ON TABLE order_items IS 'Lines of an order: which products, how many, at what price.';
COMMENT ON COLUMN order_items.order_id IS 'Order the line belongs to.';
COMMENT ON COLUMN order_items.product_id IS 'Product ordered.';
COMMENT ON COLUMN order_items.quantity IS 'Number of units ordered.';
COMMENT ON COLUMN order_items.unit_price_cents IS 'Price of one unit when the order was placed, in euro cents.';

CREATE TABLE employees (
  id           integer PRIMARY KEY,
  full_name    text NOT NULL,
  email        text NOT NULL UNIQUE,
  salary_cents integer NOT NULL,
  department   text NOT NULL,
  manager_id   integer REFERENCES employees (id)
);
COMMENT ON TABLE employees IS 'People who work for the shop.';
COMMENT ON COLUMN employees.id IS 'Employee identifier.';
COMMENT ON COLUMN employees.full_name IS 'First and last name of the employee.';
COMMENT ON COLUMN employees.email IS 'Work e-mail address.';
COMMENT ON COLUMN employees.salary_cents IS 'Yearly gross salary, in euro cents.';
COMMENT ON COLUMN employees.department IS 'Department (Sales, Support, Engineering, Warehouse, Finance, Marketing).';
COMMENT ON COLUMN employees.manager_id IS 'Employee this person reports to; empty for the head of the company.';

CREATE TABLE support_tickets (
  id          integer PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES customers (id),
  subject     text NOT NULL,
  body        text NOT NULL,
  created_at  timestamptz NOT NULL
);
COMMENT ON TABLE support_tickets IS 'Requests customers sent to customer support.';
COMMENT ON COLUMN support_tickets.id IS 'Ticket identifier.';
COMMENT ON COLUMN support_tickets.customer_id IS 'Customer who opened the ticket.';
COMMENT ON COLUMN support_tickets.subject IS 'Short subject line chosen from a fixed list.';
COMMENT ON COLUMN support_tickets.body IS 'Free text written by the customer; may contain personal data.';
COMMENT ON COLUMN support_tickets.created_at IS 'When the ticket was opened.';

CREATE INDEX orders_customer_id_idx ON orders (customer_id);
CREATE INDEX orders_created_at_idx ON orders (created_at);
CREATE INDEX order_items_product_id_idx ON order_items (product_id);
CREATE INDEX support_tickets_customer_id_idx ON support_tickets (customer_id);
