import { describe, expect, it } from 'vitest';
import type { Catalog, CatalogColumn, CatalogTable } from '../../src/catalog/catalog.ts';
import { createSemanticParser } from '../../src/fast-lane/create-semantic-parser.ts';
import { emptyValueIndex } from '../../src/fast-lane/semantic-layer/value-index.ts';

/** A part of a column's name answers only when one field of the tables in question fits; yes/no columns filter. */

const column = (name: string, dataType = 'text'): CatalogColumn => ({ name, dataType, nullable: false, description: null, synonyms: [], pii: false, unit: null });
const table = (name: string, columns: CatalogColumn[], foreignKeys: CatalogTable['foreignKeys'] = []): CatalogTable => ({
  schema: 'clinic', name, kind: 'table', description: null, synonyms: [], large: false, rowEstimate: 10, columns, primaryKey: ['id'], foreignKeys, viewDefinition: null,
});
const to = (columnName: string, target: string) => ({ columns: [columnName], referencedSchema: 'clinic', referencedTable: target, referencedColumns: ['id'], inferred: true as const });

const catalog: Catalog = {
  datasource: 'clinic',
  searchPath: ['clinic'],
  tables: [
    table('patients', [column('id', 'integer'), column('city_name'), column('is_insured', 'boolean'), column('last_visit_date', 'date')]),
    table('doctors', [column('id', 'integer'), column('full_name'), column('city_name'), column('new_patient_count', 'integer')]),
    table('appointments', [column('id', 'integer'), column('patient_id', 'integer'), column('doctor_id', 'integer'), column('is_cancelled', 'boolean'), column('scheduled_at', 'timestamptz')], [to('patient_id', 'patients'), to('doctor_id', 'doctors')]),
  ],
};
const parser = createSemanticParser({ catalog, valueIndex: emptyValueIndex });
const answer = (question: string) => parser.answer(question, { today: '2025-07-01' });
const sql = (question: string) => {
  const outcome = answer(question);
  if (outcome.kind !== 'answered') throw new Error(`${question}: ${outcome.reason}`);
  return outcome.sql.replaceAll('\n', ' ');
};

describe('parts of names', () => {
  it('answer when one field of the tables in question fits', () => {
    expect(sql('How many patients per city?')).toBe('SELECT p.city_name, count(*) AS patients FROM clinic.patients p GROUP BY p.city_name ORDER BY count(*) DESC, p.city_name LIMIT 100');
    expect(sql('How many doctors per city?')).toContain('d.city_name');
  });

  it('abstain when two fields fit', () => {
    const outcome = answer('How many appointments per city?');
    expect(outcome.kind).toBe('abstained');
    expect(outcome.kind === 'abstained' && outcome.reason).toContain('"city" could mean');
  });

  it('never take a grammar word: "last" and "new" keep their meaning', () => {
    expect(answer('How many new patients?').kind).toBe('abstained');
    expect(sql('When was the last appointment?')).toContain('max(a.scheduled_at)');
  });
});

describe('yes/no columns', () => {
  it('filter rows that are, or are not, set', () => {
    expect(sql('How many appointments were cancelled?')).toBe('SELECT count(*) AS appointments FROM clinic.appointments a WHERE a.is_cancelled IS TRUE');
    expect(sql('How many appointments were not cancelled?')).toBe('SELECT count(*) AS appointments FROM clinic.appointments a WHERE a.is_cancelled IS NOT TRUE');
    expect(sql('How many insured patients are there?')).toBe('SELECT count(*) AS patients FROM clinic.patients p WHERE p.is_insured IS TRUE');
  });
});
