import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { ConfigError } from '../config/config-error.ts';
import { loadYamlFile } from '../config/load-yaml-file.ts';
import { parseCsvSuite } from './parse-csv-suite.ts';
import { suiteSchema, type Suite } from './suite-schema.ts';

export interface LoadedSuite {
  path: string;
  suite: Suite;
}

export interface LoadedSuites {
  suites: LoadedSuite[];
  /** Rows of CSV suites that were left out, with their line numbers. */
  problems: string[];
}

const suiteFile = /\.(ya?ml|csv)$/i;

/** Loads one suite file, or every `.yaml`/`.yml`/`.csv` file in a folder (sorted, not recursive). */
export async function loadSuites(fileOrFolder: string): Promise<LoadedSuites> {
  let info;
  try {
    info = await stat(fileOrFolder);
  } catch (error) {
    throw new ConfigError(`No suite at ${fileOrFolder}: the file or folder does not exist.`, { cause: error });
  }
  const paths = info.isDirectory()
    ? (await readdir(fileOrFolder)).filter((name) => suiteFile.test(name)).sort().map((name) => join(fileOrFolder, name))
    : [fileOrFolder];
  if (paths.length === 0) throw new ConfigError(`The folder ${fileOrFolder} holds no .yaml or .csv suite files.`);
  const loaded = await Promise.all(paths.map(loadSuiteFile));
  const suites = loaded.flatMap((entry) => entry.suites);
  if (suites.length === 0) throw new ConfigError(`No case in ${fileOrFolder} could be run:\n${loaded.flatMap((entry) => entry.problems).join('\n')}`);
  return { suites, problems: loaded.flatMap((entry) => entry.problems) };
}

async function loadSuiteFile(path: string): Promise<LoadedSuites> {
  if (extname(path).toLowerCase() !== '.csv') return { suites: [{ path, suite: await loadYamlFile(path, suiteSchema) }], problems: [] };
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`, { cause: error });
  }
  try {
    const parsed = parseCsvSuite(text, basename(path, extname(path)), path);
    return { suites: parsed.suites.map((suite) => ({ path, suite })), problems: parsed.problems };
  } catch (error) {
    throw new ConfigError(error instanceof Error ? error.message : String(error), { cause: error });
  }
}
