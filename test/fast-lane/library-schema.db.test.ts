import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/catalog/build-catalog.ts';
import { emptySemanticModel } from '../../src/config/semantic-model.ts';
import { sameAnswer } from '../../src/eval/compare-results.ts';
import { createSemanticParser, type SemanticParser } from '../../src/fast-lane/create-semantic-parser.ts';
import { buildValueIndex, type ValueIndex } from '../../src/fast-lane/semantic-layer/value-index.ts';
import type { Datasource } from '../../src/ports/datasource.ts';
import { createPostgresDatasource } from '../../src/providers/postgres/create-postgres-datasource.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

/**
 * A second, differently shaped schema, with camelCase names and no semantic model at all: a lending library. The
 * parser must answer it from introspection alone, so nothing can be tuned to the sample shop's names.
 */

const schema = `
CREATE TABLE members ("memberId" integer PRIMARY KEY, "joinedOn" date NOT NULL, "homeTown" text NOT NULL);
CREATE TABLE books ("bookId" integer PRIMARY KEY, title text NOT NULL, genre text NOT NULL, "pageCount" integer NOT NULL);
CREATE TABLE loans (
  "loanId" integer PRIMARY KEY,
  "memberId" integer NOT NULL REFERENCES members ("memberId"),
  "bookId" integer NOT NULL REFERENCES books ("bookId"),
  "loanedAt" timestamptz NOT NULL,
  "returnedAt" timestamptz,
  "lateFeeCents" integer NOT NULL DEFAULT 0
);
INSERT INTO members SELECT n, date '2023-01-01' + (n * 37) % 900, (ARRAY['Springfield', 'Shelbyville', 'Ogdenville', 'Capital City'])[1 + n % 4]
FROM generate_series(1, 24) AS n;
INSERT INTO books SELECT n, 'Book ' || n, (ARRAY['Fantasy', 'History', 'Science Fiction', 'Poetry', 'Crime'])[1 + n % 5], 90 + (n * 53) % 600
FROM generate_series(1, 30) AS n;
INSERT INTO loans SELECT n, 1 + (n * 7) % 24, 1 + (n * 11) % 30,
  timestamptz '2023-06-01 10:00:00+00' + (n * 2) * interval '1 day' + (n % 9) * interval '1 hour',
  CASE WHEN n % 6 = 0 THEN NULL ELSE timestamptz '2023-06-01 10:00:00+00' + (n * 2 + 14 + n % 10) * interval '1 day' END,
  CASE WHEN n % 10 >= 7 THEN (n % 10) * 50 ELSE 0 END
FROM generate_series(1, 380) AS n;
ANALYZE;`;

let database: TestDatabase;
let datasource: Datasource;
let valueIndex: ValueIndex;
let parser: SemanticParser;
const today = { today: '2025-07-01' };
const limits = { maxRows: 1000, statementTimeoutMs: 10_000 };

beforeAll(async () => {
  database = await createTestDatabase();
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  await admin.query(schema);
  await admin.end();
  datasource = createPostgresDatasource({ name: 'library', connectionString: database.url, poolSize: 2 });
  const catalog = buildCatalog({ datasource: 'library', snapshot: await datasource.introspect(), semantic: emptySemanticModel, semanticSource: '(none)', searchPath: ['public'], largeTableRows: 100_000 });
  valueIndex = await buildValueIndex(datasource, catalog);
  parser = createSemanticParser({ catalog, valueIndex });
});

afterAll(async () => {
  await datasource?.close();
  await database?.drop();
});

async function expectSameAnswer(question: string, gold: string, ordered = false): Promise<string> {
  const outcome = parser.answer(question, today);
  if (outcome.kind !== 'answered') throw new Error(`"${question}" was not answered: ${outcome.reason}`);
  const [expected, actual] = await Promise.all([datasource.run(gold, limits), datasource.run(outcome.sql, limits)]);
  expect(expected.rows.length, `gold of "${question}" returns rows`).toBeGreaterThan(0);
  expect(sameAnswer(expected, actual, ordered), `${question}\n${outcome.sql}`).toBe(true);
  return outcome.sql;
}

describe('a camelCase library schema with no semantic model', () => {
  it('indexes the categorical text columns', () => {
    const indexed = valueIndex.columns.map((column) => `${column.table}.${column.column}`).sort();
    expect(indexed).toEqual(['books.genre', 'books.title', 'members.homeTown']);
    expect(valueIndex.columns.find((column) => column.column === 'genre')?.values).toEqual(['Crime', 'Fantasy', 'History', 'Poetry', 'Science Fiction']);
  });

  it.each([
    ['How many members are there?', 'SELECT count(*) FROM members'],
    ['How many books per genre?', 'SELECT genre, count(*) FROM books GROUP BY genre'],
    ['Which genres are there?', 'SELECT DISTINCT genre FROM books'],
    ['How many members per home town?', 'SELECT "homeTown", count(*) FROM members GROUP BY 1'],
    ['How many members joined last year?', `SELECT count(*) FROM members WHERE "joinedOn" >= '2024-01-01' AND "joinedOn" < '2025-01-01'`],
    ['How many loans in 2024?', `SELECT count(*) FROM loans WHERE "loanedAt" >= '2024-01-01' AND "loanedAt" < '2025-01-01'`],
    ['How many loans were returned?', 'SELECT count(*) FROM loans WHERE "returnedAt" IS NOT NULL'],
    ['How many loans have not been returned?', 'SELECT count(*) FROM loans WHERE "returnedAt" IS NULL'],
    ['How many loans were returned in 2024?', `SELECT count(*) FROM loans WHERE "returnedAt" >= '2024-01-01' AND "returnedAt" < '2025-01-01'`],
    ['How many loans per genre?', 'SELECT b.genre, count(*) FROM loans l JOIN books b ON b."bookId" = l."bookId" GROUP BY b.genre'],
    ['How many loans were made by members from Springfield?', `SELECT count(*) FROM loans l JOIN members m ON m."memberId" = l."memberId" WHERE m."homeTown" = 'Springfield'`],
    ['What is the total late fee in euros?', 'SELECT sum("lateFeeCents") / 100.0 FROM loans'],
    ['What is the average page count of Fantasy books?', `SELECT avg("pageCount") FROM books WHERE genre = 'Fantasy'`],
    ['How many loans per month in 2024? Give the month as a number.', `SELECT extract(month FROM "loanedAt")::int, count(*) FROM loans WHERE "loanedAt" >= '2024-01-01' AND "loanedAt" < '2025-01-01' GROUP BY 1`],
    ['What is the total late fee in euros per home town of the members?', 'SELECT m."homeTown", sum(l."lateFeeCents") / 100.0 FROM loans l JOIN members m ON m."memberId" = l."memberId" GROUP BY 1'],
  ])('%s', async (question, gold) => {
    await expectSameAnswer(question, gold);
  });

  it('ranks groups and rows, showing a book by its title', async () => {
    await expectSameAnswer('Which genre has the most loans?', 'SELECT b.genre FROM loans l JOIN books b ON b."bookId" = l."bookId" GROUP BY b.genre ORDER BY count(*) DESC, b.genre LIMIT 1');
    const sql = await expectSameAnswer(
      'Which 3 books have the most loans?',
      'SELECT b.title, count(*) FROM loans l JOIN books b ON b."bookId" = l."bookId" GROUP BY b."bookId", b.title ORDER BY count(*) DESC, b."bookId" LIMIT 3',
      true,
    );
    expect(sql).toContain('b."bookId", b.title');
    await expectSameAnswer('Which book has the highest page count?', 'SELECT title FROM books ORDER BY "pageCount" DESC, "bookId" LIMIT 1');
  });

  it('quotes camelCase identifiers and never invents a loan date', async () => {
    const sql = await expectSameAnswer('How many loans in the last 30 days?', `SELECT count(*) FROM loans WHERE "loanedAt" >= '2025-06-01' AND "loanedAt" < '2025-07-01'`);
    expect(sql).toContain('l."loanedAt"');
    expect(parser.answer('How many overdue loans are there?', today)).toEqual({ kind: 'abstained', reason: 'I did not understand "overdue"' });
    // "by members" could group by member or name who borrowed: not guessed.
    expect(parser.answer('How many loans by members from Springfield?', today).kind).toBe('abstained');
    await expectSameAnswer('How many loans by member?', 'SELECT "memberId", count(*) FROM loans GROUP BY 1');
  });
});
