import { generateCustomers } from './generate-customers.ts';
import { generateEmployees } from './generate-employees.ts';
import { generateOrders } from './generate-orders.ts';
import { generateProducts } from './generate-products.ts';
import { generateSupportTickets } from './generate-support-tickets.ts';
import { toSampleTable, type SampleTable } from './sample-tables.ts';
import { toIsoTimestamp } from './sample-time.ts';

/** The sample shop's data, generated deterministically from a seed (no network, no Math.random). */

export { SAMPLE_TODAY } from './sample-time.ts';
export type { SampleColumn, SampleColumnType, SampleTable, SampleTableName, SampleValue } from './sample-tables.ts';

/** Bump whenever the generated rows or `schema.sql` change: loaded databases record it and are reloaded when it differs. */
export const SAMPLE_DATA_VERSION = 1;

/** The seed of the published sample database. */
export const SAMPLE_SEED = 20_250_701;

/** Every table's rows as column arrays, in an order that satisfies the foreign keys when loaded one after another. */
export function generateSampleData(seed: number = SAMPLE_SEED): SampleTable[] {
  const customers = generateCustomers(seed);
  const products = generateProducts(seed);
  const { orders, orderItems } = generateOrders(seed, customers, products);
  const employees = generateEmployees(seed);
  const supportTickets = generateSupportTickets(seed, { customers, orders, orderItems, products });
  return [
    toSampleTable('customers', customers.map((customer) => ({ ...customer, created_at: toIsoTimestamp(customer.created_at) }))),
    toSampleTable('products', products),
    toSampleTable('orders', orders.map((order) => ({ ...order, created_at: toIsoTimestamp(order.created_at) }))),
    toSampleTable('order_items', orderItems),
    toSampleTable('employees', employees),
    toSampleTable('support_tickets', supportTickets.map((ticket) => ({ ...ticket, created_at: toIsoTimestamp(ticket.created_at) }))),
  ];
}
