import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSuites } from '../../src/eval/load-suites.ts';
import { parseCsvSuite } from '../../src/eval/parse-csv-suite.ts';

const csv = [
  'question,gold,tier,ordered,id,entitlements,expect,sql',
  'How many customers are there?,SELECT count(*) FROM customers,simple,,,,,',
  '"Top 3 products, by revenue",SELECT name FROM products LIMIT 3,moderate,yes,top-products,,,',
  'Customer e-mails?,,,,,,block,',
  ',,,,pii-sql,pii:customers.email,allow,SELECT email FROM customers',
  'Orders?,SELECT 1,galactic,,,,,',
  'No gold here,,,,,,,',
  'Both,SELECT 1,,,,,allow,',
  'Orders per day,SELECT 1,simple,maybe,,,,',
  'Dup,SELECT 1,simple,,top-products,,,',
].join('\n');

describe('CSV suites', () => {
  it('imports golden questions and security cases, and reports the rows it leaves out with their line numbers', () => {
    const { suites, problems } = parseCsvSuite(csv, 'team-set', 'team-set.csv');
    expect(suites).toHaveLength(1);
    const [suite] = suites;
    expect(suite?.name).toBe('team-set');
    expect(suite?.cases).toEqual([
      { id: 'team-set-2', question: 'How many customers are there?', gold: 'SELECT count(*) FROM customers', tier: 'simple', ordered: false, entitlements: [] },
      { id: 'top-products', question: 'Top 3 products, by revenue', gold: 'SELECT name FROM products LIMIT 3', tier: 'moderate', ordered: true, entitlements: [] },
      { id: 'team-set-4', question: 'Customer e-mails?', expect: 'block', entitlements: [] },
      { id: 'pii-sql', sql: 'SELECT email FROM customers', expect: 'allow', entitlements: ['pii:customers.email'] },
    ]);
    expect(problems).toEqual([
      expect.stringMatching(/^team-set\.csv line 6: tier: /),
      'team-set.csv line 7: the question has no "gold" SQL (or "expect" for a security case).',
      'team-set.csv line 8: a row has either "gold" (a golden question) or "expect" (a security case), not both.',
      'team-set.csv line 9: "ordered" is "maybe"; write true or false.',
      'team-set.csv line 10: the id "top-products" is used by an earlier row.',
    ]);
  });

  it('counts lines as the spreadsheet does when a cell holds a line break', () => {
    const { problems } = parseCsvSuite('question,gold\n"two\nlines",SELECT 1\nno gold,\n', 's', 's.csv');
    expect(problems).toEqual(['s.csv line 4: the question has no "gold" SQL (or "expect" for a security case).']);
  });

  it('makes one suite per datasource', () => {
    const { suites } = parseCsvSuite('question,gold,datasource\nA?,SELECT 1,sample\nB?,SELECT 2,shop\n', 'mixed', 'mixed.csv');
    expect(suites.map((suite) => [suite.name, suite.datasource, suite.cases.length])).toEqual([
      ['mixed/sample', 'sample', 1],
      ['mixed/shop', 'shop', 1],
    ]);
  });

  it('rejects a header it does not know, naming the column', () => {
    expect(() => parseCsvSuite('question,golden\nA?,SELECT 1\n', 's', 's.csv')).toThrow('s.csv line 1: unknown column golden (known: id, question, gold');
    expect(() => parseCsvSuite('id,tier\nx,simple\n', 's', 's.csv')).toThrow('needs a "question" column');
  });

  it('loads CSV and YAML suites from one folder', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'sql-eval-csv-'));
    await writeFile(join(folder, 'a.csv'), 'question,gold\nA?,SELECT 1\nB?,\n');
    await writeFile(join(folder, 'b.yaml'), 'name: b\ncases:\n  - { id: one, question: C?, gold: SELECT 3 }\n');
    const loaded = await loadSuites(folder);
    expect(loaded.suites.map((entry) => entry.suite.name)).toEqual(['a', 'b']);
    expect(loaded.problems).toEqual([`${join(folder, 'a.csv')} line 3: the question has no "gold" SQL (or "expect" for a security case).`]);
    await writeFile(join(folder, 'a.csv'), 'question,gold\nB?,\n');
    await writeFile(join(folder, 'b.yaml'), 'name: b\ncases: []\n');
    await expect(loadSuites(join(folder, 'a.csv'))).rejects.toThrow('No case in');
  });
});
