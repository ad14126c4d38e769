import { readFileSync } from 'node:fs';
import { buildCatalog } from '../../src/catalog/build-catalog.ts';
import type { Catalog } from '../../src/catalog/catalog.ts';
import { parseYamlText } from '../../src/config/load-yaml-file.ts';
import { semanticModelSchema } from '../../src/config/semantic-model.ts';
import { createSemanticParser, type SemanticParser } from '../../src/fast-lane/create-semantic-parser.ts';
import type { FastLaneOutcome } from '../../src/fast-lane/fast-lane-types.ts';
import type { ValueIndex } from '../../src/fast-lane/semantic-layer/value-index.ts';
import type { ForeignKey, TableInfo } from '../../src/ports/datasource.ts';
import { sampleCatalog } from '../support/sample-catalog.ts';

/**
 * The sample shop as the fast lane sees it, without a database: the in-memory sample catalog with the shop's foreign
 * keys and money comments, merged with configs/semantic/sample.yaml, and an in-memory value index.
 */

const references = (column: string, table: string): ForeignKey => ({ columns: [column], referencedSchema: 'public', referencedTable: table, referencedColumns: ['id'] });

const foreignKeys: Record<string, ForeignKey[]> = {
  orders: [references('customer_id', 'customers')],
  order_items: [references('order_id', 'orders'), references('product_id', 'products')],
  employees: [references('manager_id', 'employees')],
  support_tickets: [references('customer_id', 'customers')],
};

export function shopCatalog(): Catalog {
  const tables: TableInfo[] = sampleCatalog().tables.map((table) => ({
    schema: table.schema,
    name: table.name,
    kind: table.kind,
    comment: null,
    rowEstimate: table.rowEstimate,
    columns: table.columns.map((column) => ({
      name: column.name,
      dataType: column.dataType,
      nullable: column.name === 'manager_id',
      comment: column.name.endsWith('_cents') ? 'Amount in euro cents.' : null,
    })),
    primaryKey: table.name === 'order_items' ? ['order_id', 'product_id'] : ['id'],
    foreignKeys: foreignKeys[table.name] ?? [],
    viewDefinition: table.viewDefinition,
  }));
  const semantic = parseYamlText(readFileSync('configs/semantic/sample.yaml', 'utf8'), 'configs/semantic/sample.yaml', semanticModelSchema);
  return buildCatalog({ datasource: 'sample', snapshot: { serverVersion: 180_000, tables }, semantic, semanticSource: 'sample.yaml', searchPath: ['public'], largeTableRows: 100_000 });
}

const column = (table: string, name: string, values: string[]) => ({ schema: 'public', table, column: name, values });

export const shopValues: ValueIndex = {
  columns: [
    column('orders', 'status', ['cancelled', 'delivered', 'paid', 'pending', 'refunded', 'shipped']),
    column('customers', 'country', ['BR', 'DE', 'ES', 'FR', 'GB', 'IN', 'IT', 'PT', 'US']),
    column('customers', 'city', ['Berlin', 'Lisboa', 'London', 'Porto', 'São Paulo']),
    column('products', 'category', ['Books', 'Electronics', 'Garden', "Men's Wear", 'Toys']),
    column('products', 'name', ['Pro Speaker', 'Travel-Size Shampoo', "x'; DROP TABLE orders; --"]),
    column('employees', 'department', ['Engineering', 'Finance', 'Sales', 'Support']),
    column('support_tickets', 'subject', ['Damaged item', 'Refund request', 'Where is my order?']),
  ],
};

export const sampleToday = { today: '2025-07-01' };

export function shopParser(valueIndex: ValueIndex = shopValues): SemanticParser {
  return createSemanticParser({ catalog: shopCatalog(), valueIndex });
}

/** The SQL on one line, for compact expectations. */
export function answeredSql(outcome: FastLaneOutcome): string {
  if (outcome.kind !== 'answered') throw new Error(`expected an answer, got: ${outcome.reason}`);
  return outcome.sql.replaceAll('\n', ' ');
}

export function abstainReason(outcome: FastLaneOutcome): string {
  if (outcome.kind !== 'abstained') throw new Error(`expected an abstention, got: ${outcome.sql}`);
  return outcome.reason;
}
