import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedServer, type EmbeddedServer } from '../../src/providers/embedded-postgres/start-embedded-server.ts';
import { ensureSampleTemplate } from './sample-template.ts';

/**
 * One PostgreSQL for the whole test run: the server named by TEST_DATABASE_URL (a superuser URL), or else an embedded
 * PostgreSQL 18 in a temporary folder, stopped and removed at the end. Either way the sample template database is
 * ready before any test starts, and tests get the admin URL through `inject('adminDatabaseUrl')`.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const externalUrl = process.env.TEST_DATABASE_URL;
  let server: EmbeddedServer | undefined;
  let home: string | undefined;
  try {
    if (externalUrl === undefined || externalUrl === '') {
      home = await mkdtemp(path.join(tmpdir(), 'sql-eval-test-'));
      // Run as root, PostgreSQL runs as the `postgres` user, which must be able to enter the folder.
      await chmod(home, 0o755);
      server = await startEmbeddedServer({ home });
    }
    const adminUrl = server?.connectionString('postgres') ?? (externalUrl as string);
    await ensureSampleTemplate(adminUrl);
    project.provide('adminDatabaseUrl', adminUrl);
  } catch (error) {
    await server?.stop();
    if (home !== undefined) await rm(home, { recursive: true, force: true });
    throw error;
  }
  return async () => {
    await server?.stop();
    if (home !== undefined) await rm(home, { recursive: true, force: true });
  };
}
