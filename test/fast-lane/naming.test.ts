import { describe, expect, it } from 'vitest';
import type { Catalog, CatalogColumn, CatalogTable } from '../../src/catalog/catalog.ts';
import { entityWords } from '../../src/catalog/entity-names.ts';
import { abbreviates } from '../../src/fast-lane/semantic-layer/field-phrases.ts';
import { deriveSemanticLayer } from '../../src/fast-lane/semantic-layer/derive-semantic-layer.ts';
import { entityByKey, fieldOf } from '../../src/fast-lane/semantic-layer/semantic-layer-types.ts';
import { splitCompound } from '../../src/language/words.ts';

/** Names that are not words: prefixes, abbreviations, names run together, units in the name, the column naming a row. */

const column = (name: string, dataType = 'text'): CatalogColumn => ({ name, dataType, nullable: false, description: null, synonyms: [], pii: false, unit: null });
const table = (schema: string, name: string, primaryKey: string, columns: CatalogColumn[]): CatalogTable => ({
  schema, name, kind: 'table', description: null, synonyms: [], large: false, rowEstimate: 10, columns, primaryKey: [primaryKey], foreignKeys: [], viewDefinition: null,
});

const catalog: Catalog = {
  datasource: 'names',
  searchPath: ['crm', 'school'],
  tables: [
    table('crm', 'crmCustomer', 'customerId', [column('customerId', 'integer'), column('custCity'), column('custSegment'), column('createdDate', 'date')]),
    table('crm', 'crmActivity', 'activityId', [column('activityId', 'integer'), column('activityType'), column('durationMin', 'integer'), column('fullName')]),
    table('school', 'tbl_course', 'id', [column('id', 'integer'), column('title'), column('teacherid', 'integer'), column('fee_cents', 'integer'), column('store_name')]),
    table('school', 'teacher', 'id', [column('id', 'integer'), column('fullname')]),
    table('school', 'dim_store', 'store_id', [column('store_id', 'integer'), column('store_name'), column('city_name'), column('floor_area_sqm', 'integer')]),
  ],
};
const layer = deriveSemanticLayer(catalog);
const entity = (key: string) => entityByKey(layer, key);

describe('table names', () => {
  it('drop kind prefixes and a first word every table of the schema shares', () => {
    expect(entityWords({ schema: 'crm', name: 'crmCustomer' }, catalog.tables)).toEqual(['customer']);
    expect(entityWords({ schema: 'school', name: 'dim_store' }, catalog.tables)).toEqual(['store']);
    expect(entityWords({ schema: 'x', name: 'dimension' }, [])).toEqual(['dimension']);
    // One table alone shares nothing: its first word stays.
    expect(entityWords({ schema: 'solo', name: 'order_items' }, [{ schema: 'solo', name: 'order_items' }])).toEqual(['order', 'items']);
    expect(entity('crm.crmCustomer')).toMatchObject({ singular: 'customer', plural: 'customers', sqlName: 'crm."crmCustomer"' });
    expect(entity('crm.crmCustomer').phrases).toEqual(expect.arrayContaining([['crm', 'customer'], ['customers']]));
  });
});

describe('column names', () => {
  it('read abbreviations of the entity and run-together words', () => {
    expect(fieldOf(entity('crm.crmCustomer'), 'custCity')).toMatchObject({ label: 'city' });
    expect(fieldOf(entity('crm.crmCustomer'), 'custSegment')?.phrases).toEqual(expect.arrayContaining([['segment'], ['customer', 'segment']]));
    expect(fieldOf(entity('school.tbl_course'), 'teacherid')?.phrases).toContainEqual(['teacher', 'id']);
    expect(abbreviates('cust', 'customer')).toBe(true);
    expect(abbreviates('dept', 'department')).toBe(true);
    expect(abbreviates('cat', 'customer')).toBe(false);
    expect(abbreviates('csr', 'customer')).toBe(false);
    expect(abbreviates('ci', 'city')).toBe(false);
  });

  it('split a run-together word only when one split is known', () => {
    const known = new Set(['grade', 'level', 'home', 'room', 'ho', 'meroom']);
    expect(splitCompound('gradelevel', known)).toEqual(['grade', 'level']);
    expect(splitCompound('homeroom', known)).toBeNull();
    expect(splitCompound('level', known)).toBeNull();
  });

  it('take a unit out of the name and keep it on the field', () => {
    expect(fieldOf(entity('crm.crmActivity'), 'durationMin')).toMatchObject({ label: 'duration', unit: 'minutes', role: 'measure' });
    expect(fieldOf(entity('school.tbl_course'), 'fee_cents')).toMatchObject({ label: 'fee', unit: 'cents', minorUnits: true });
    expect(fieldOf(entity('school.dim_store'), 'floor_area_sqm')).toMatchObject({ label: 'floor area', unit: 'square metres' });
    expect(fieldOf(entity('crm.crmCustomer'), 'createdDate')).toMatchObject({ role: 'time', label: 'created', unit: null });
  });
});

describe('the column naming a row', () => {
  it('is a name or title once the entity words are dropped, else the one full name', () => {
    expect(entity('school.dim_store').labelColumn).toBe('store_name');
    expect(entity('school.tbl_course').labelColumn).toBe('title');
    expect(entity('crm.crmActivity').labelColumn).toBe('fullName');
    expect(entity('school.teacher').labelColumn).toBe('fullname');
    expect(entity('crm.crmCustomer').labelColumn).toBeNull();
  });
});
