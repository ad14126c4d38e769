import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateSampleData, SAMPLE_SEED, SAMPLE_TODAY, type SampleTable, type SampleTableName, type SampleValue } from '../../src/sample-db/generate.ts';
import { COUNTRIES } from '../../src/sample-db/word-lists/countries.ts';

function checksum(tables: readonly SampleTable[]): string {
  return createHash('sha256').update(JSON.stringify(tables)).digest('hex');
}

let tables: SampleTable[];
const column = (table: SampleTableName, name: string): SampleValue[] => {
  const values = tables.find((candidate) => candidate.name === table)?.columns.find((candidate) => candidate.name === name)?.values;
  if (values === undefined) throw new Error(`no column ${table}.${name}`);
  return values;
};
const numbers = (table: SampleTableName, name: string): number[] => column(table, name) as number[];
const strings = (table: SampleTableName, name: string): string[] => column(table, name) as string[];

beforeAll(() => {
  tables = generateSampleData();
});

describe('generateSampleData', () => {
  it('gives the same rows for the same seed and other rows for another seed', () => {
    expect(checksum(generateSampleData(SAMPLE_SEED))).toBe(checksum(tables));
    expect(checksum(generateSampleData(SAMPLE_SEED + 1))).not.toBe(checksum(tables));
  });

  it('has the published content: change SAMPLE_DATA_VERSION together with this checksum', () => {
    expect(checksum(tables)).toBe('76ff521051fab6e80856ce9627cad1d01d53253e68fca09020b885abd3b2d509');
  });

  it('has the documented sizes', () => {
    const counts = Object.fromEntries(tables.map((table) => [table.name, table.rowCount]));
    expect(counts).toMatchObject({ customers: 5000, products: 200, orders: 40000, employees: 300, support_tickets: 8000 });
    expect(counts.order_items).toBeGreaterThan(100_000);
    for (const table of tables) for (const values of table.columns) expect(values.values).toHaveLength(table.rowCount);
    expect(new Set(strings('products', 'category')).size).toBe(8);
    expect(new Set(strings('support_tickets', 'subject')).size).toBe(10);
  });

  it('dates everything in [2022-01-01, today) and every order and ticket after its customer signed up', () => {
    const signedUp = new Map(numbers('customers', 'id').map((id, index) => [id, strings('customers', 'created_at')[index] as string]));
    for (const table of ['orders', 'support_tickets'] as const) {
      const createdAt = strings(table, 'created_at');
      const tooEarly = numbers(table, 'customer_id').filter((customerId, index) => !((createdAt[index] as string) > (signedUp.get(customerId) as string)));
      expect(tooEarly, table).toEqual([]);
    }
    for (const table of ['customers', 'orders', 'support_tickets'] as const) {
      const outside = strings(table, 'created_at').filter((timestamp) => !(timestamp >= '2022-01-01T00:00:00.000Z' && timestamp < `${SAMPLE_TODAY}T00:00:00.000Z`));
      expect(outside, table).toEqual([]);
    }
  });

  it('grows over time', () => {
    const perYear = (year: string): number => strings('orders', 'created_at').filter((timestamp) => timestamp.startsWith(year)).length;
    expect(perYear('2023')).toBeGreaterThan(perYear('2022'));
    expect(perYear('2024')).toBeGreaterThan(perYear('2023'));
    // Half a year of 2025 already has more than half of 2024.
    expect(perYear('2025')).toBeGreaterThan(perYear('2024') / 2);
  });

  it('makes order totals the sum of their lines, with 2 to 4 distinct products per order', () => {
    const orderIds = numbers('order_items', 'order_id');
    const productIds = numbers('order_items', 'product_id');
    const quantities = numbers('order_items', 'quantity');
    const unitPrices = numbers('order_items', 'unit_price_cents');
    const sums = new Map<number, number>();
    const products = new Map<number, Set<number>>();
    const lines = new Map<number, number>();
    orderIds.forEach((orderId, index) => {
      sums.set(orderId, (sums.get(orderId) ?? 0) + (quantities[index] as number) * (unitPrices[index] as number));
      const seen = products.get(orderId) ?? new Set<number>();
      seen.add(productIds[index] as number);
      products.set(orderId, seen);
      lines.set(orderId, (lines.get(orderId) ?? 0) + 1);
    });
    const totals = numbers('orders', 'total_cents');
    const wrong = numbers('orders', 'id').filter((orderId, index) => {
      const lineCount = lines.get(orderId) ?? 0;
      return sums.get(orderId) !== totals[index] || products.get(orderId)?.size !== lineCount || lineCount < 2 || lineCount > 4;
    });
    expect(wrong).toEqual([]);
  });

  it('uses a realistic status mix, mostly delivered', () => {
    const statuses = strings('orders', 'status');
    const share = (status: string): number => statuses.filter((candidate) => candidate === status).length / statuses.length;
    expect(share('delivered')).toBeGreaterThan(0.75);
    for (const status of ['pending', 'paid', 'shipped', 'cancelled', 'refunded']) expect(share(status)).toBeGreaterThan(0);
  });

  it('uses ISO country codes with cities of that country, skewed towards a few countries', () => {
    const citiesByCountry = new Map(COUNTRIES.map((country) => [country.code, new Set(country.cities.map(([city]) => city))]));
    const countries = strings('customers', 'country');
    const cities = strings('customers', 'city');
    const inconsistent = countries.filter((country, index) => !/^[A-Z]{2}$/.test(country) || citiesByCountry.get(country)?.has(cities[index] as string) !== true);
    expect(inconsistent).toEqual([]);
    const portugal = countries.filter((country) => country === 'PT').length;
    const canada = countries.filter((country) => country === 'CA').length;
    expect(portugal).toBeGreaterThan(canada * 5);
  });

  it('gives unique e-mail addresses', () => {
    expect(new Set(strings('customers', 'email')).size).toBe(5000);
    expect(new Set(strings('employees', 'email')).size).toBe(300);
  });

  it('builds one manager hierarchy with a single head over the six departments', () => {
    const ids = numbers('employees', 'id');
    const managers = column('employees', 'manager_id');
    expect(managers.filter((manager) => manager === null)).toHaveLength(1);
    const managerOf = new Map(ids.map((id, index) => [id, managers[index] as number | null]));
    const cutOff = ids.filter((id) => {
      let current: number | null | undefined = id;
      for (let steps = 0; current !== null && current !== undefined && steps < 10; steps += 1) current = managerOf.get(current);
      return current !== null;
    });
    expect(cutOff).toEqual([]);
    expect(new Set(strings('employees', 'department'))).toEqual(new Set(['Sales', 'Support', 'Engineering', 'Warehouse', 'Finance', 'Marketing']));
  });

  it('writes ticket bodies that sometimes name the customer or give their e-mail (personal data)', () => {
    const emails = new Map(numbers('customers', 'id').map((id, index) => [id, strings('customers', 'email')[index] as string]));
    const names = new Map(numbers('customers', 'id').map((id, index) => [id, strings('customers', 'full_name')[index] as string]));
    const bodies = strings('support_tickets', 'body');
    const customerIds = numbers('support_tickets', 'customer_id');
    const mentioningEmail = bodies.filter((body, index) => body.includes(emails.get(customerIds[index] as number) as string)).length;
    const mentioningName = bodies.filter((body, index) => body.includes(names.get(customerIds[index] as number) as string)).length;
    expect(mentioningEmail / bodies.length).toBeGreaterThan(0.1);
    expect(mentioningName / bodies.length).toBeGreaterThan(0.1);
    expect(mentioningEmail).toBeLessThan(bodies.length / 2);
  });
});
