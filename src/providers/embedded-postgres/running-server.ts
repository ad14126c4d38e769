import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** A PostgreSQL server already running on a data directory, as its `postmaster.pid` describes it. */
export interface RunningServer {
  pid: number;
  port: number;
}

/**
 * Reads `<dataDirectory>/postmaster.pid` (line 1: pid, line 4: port). Returns undefined when there is no such file
 * or its process is gone (a stale file left by a crash; PostgreSQL itself replaces it on start).
 */
export async function findRunningServer(dataDirectory: string): Promise<RunningServer | undefined> {
  let content: string;
  try {
    content = await readFile(path.join(dataDirectory, 'postmaster.pid'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const lines = content.split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return undefined;
  return isProcessAlive(pid) ? { pid, port } : undefined;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user (the `postgres` user, for instance).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
