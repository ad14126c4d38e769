/** The shape of the generated sample data: one entry per table, values stored column by column. */

export type SampleTableName = 'customers' | 'products' | 'orders' | 'order_items' | 'employees' | 'support_tickets';

/** PostgreSQL type of a column, used to cast the arrays the loader sends. */
export type SampleColumnType = 'integer' | 'text' | 'timestamptz';

export type SampleValue = number | string | null;

export interface SampleColumn {
  name: string;
  type: SampleColumnType;
  /** One value per row; timestamps as ISO 8601 strings in UTC. */
  values: SampleValue[];
}

export interface SampleTable {
  name: SampleTableName;
  rowCount: number;
  columns: SampleColumn[];
}

/** Column names and types of each table, in `schema.sql` order. */
export const SAMPLE_TABLE_COLUMNS: Readonly<Record<SampleTableName, ReadonlyArray<readonly [string, SampleColumnType]>>> = {
  customers: [['id', 'integer'], ['full_name', 'text'], ['email', 'text'], ['phone', 'text'], ['street_address', 'text'], ['city', 'text'], ['country', 'text'], ['created_at', 'timestamptz']],
  products: [['id', 'integer'], ['name', 'text'], ['category', 'text'], ['price_cents', 'integer']],
  orders: [['id', 'integer'], ['customer_id', 'integer'], ['status', 'text'], ['total_cents', 'integer'], ['created_at', 'timestamptz']],
  order_items: [['order_id', 'integer'], ['product_id', 'integer'], ['quantity', 'integer'], ['unit_price_cents', 'integer']],
  employees: [['id', 'integer'], ['full_name', 'text'], ['email', 'text'], ['salary_cents', 'integer'], ['department', 'text'], ['manager_id', 'integer']],
  support_tickets: [['id', 'integer'], ['customer_id', 'integer'], ['subject', 'text'], ['body', 'text'], ['created_at', 'timestamptz']],
};

/** Tables in an order that satisfies their foreign keys when inserted one after the other. */
export const SAMPLE_TABLE_LOAD_ORDER: readonly SampleTableName[] = ['customers', 'products', 'orders', 'order_items', 'employees', 'support_tickets'];

/** Turns row objects into the column arrays of `table` (extra properties of the rows are ignored). */
export function toSampleTable(name: SampleTableName, rows: readonly object[]): SampleTable {
  const columns = SAMPLE_TABLE_COLUMNS[name].map(([columnName, type]): SampleColumn => {
    const values = rows.map((row): SampleValue => {
      const value: unknown = (row as Readonly<Record<string, unknown>>)[columnName];
      if (value === null || typeof value === 'number' || typeof value === 'string') return value;
      throw new Error(`sample row of ${name} has no usable value for ${columnName}`);
    });
    return { name: columnName, type, values };
  });
  return { name, rowCount: rows.length, columns };
}
