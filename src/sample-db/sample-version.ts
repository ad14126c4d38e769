import type pg from 'pg';

/** The sample data version a schema holds, recorded as the schema's comment: `sql-eval sample v<N>`. */

const COMMENT_PATTERN = /^sql-eval sample v(\d+)$/;

export function sampleVersionComment(version: number): string {
  return `sql-eval sample v${version}`;
}

export function parseSampleVersionComment(comment: string | null | undefined): number | null {
  const match = COMMENT_PATTERN.exec(comment ?? '');
  return match === null ? null : Number(match[1]);
}

/** The version loaded into `schema`, or null when the schema is missing or holds no (complete) sample data. */
export async function readSampleDataVersion(client: pg.ClientBase, schema = 'public'): Promise<number | null> {
  const result = await client.query<{ comment: string | null }>({
    text: "SELECT obj_description(oid, 'pg_namespace') AS comment FROM pg_namespace WHERE nspname = $1",
    values: [schema],
  });
  return parseSampleVersionComment(result.rows[0]?.comment);
}
