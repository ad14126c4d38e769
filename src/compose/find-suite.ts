import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';

/**
 * A suite named in chat (`/sql-eval eval golden`): a folder of the suites folder (`eval/golden`), or a suite file in it
 * or in one of its folders (`eval/security/pii.yaml` as `pii`). Only plain names: a chat message never names a path.
 */

const plainName = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,80}$/;
const suiteFile = /\.(ya?ml|csv)$/i;

export type FoundSuite = { ok: true; path: string } | { ok: false; message: string };

export async function findSuite(folder: string, name: string, known: () => Promise<string[]>): Promise<FoundSuite> {
  const unknown = async (why: string): Promise<FoundSuite> => ({ ok: false, message: `${why} Suites: ${(await known()).join(', ') || `none (the folder ${folder} holds no suites)`}.` });
  if (!plainName.test(name) || name.includes('..')) return unknown(`"${name}" is not a suite name.`);
  const folderPath = join(folder, name);
  if (existsSync(folderPath) && (await stat(folderPath)).isDirectory()) return { ok: true, path: folderPath };
  for (const candidate of await suiteFiles(folder)) {
    if (basename(candidate, extname(candidate)) === name) return { ok: true, path: candidate };
  }
  return unknown(`There is no suite "${name}".`);
}

/** Folders of suites, then suite files, by the names `findSuite` accepts. */
export async function suiteNames(folder: string): Promise<string[]> {
  if (!existsSync(folder)) return [];
  const entries = await readdir(folder, { withFileTypes: true });
  const folders = entries.filter((entry) => entry.isDirectory() && plainName.test(entry.name)).map((entry) => entry.name).sort();
  const files = (await suiteFiles(folder)).map((path) => basename(path, extname(path)));
  return [...folders, ...new Set(files)];
}

async function suiteFiles(folder: string): Promise<string[]> {
  if (!existsSync(folder)) return [];
  const entries = await readdir(folder, { withFileTypes: true });
  const top = entries.filter((entry) => entry.isFile() && suiteFile.test(entry.name)).map((entry) => join(folder, entry.name));
  const nested = await Promise.all(
    entries.filter((entry) => entry.isDirectory()).map(async (entry) => (await readdir(join(folder, entry.name))).filter((name) => suiteFile.test(name)).sort().map((name) => join(folder, entry.name, name))),
  );
  return [...top.sort(), ...nested.flat()];
}
