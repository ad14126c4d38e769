import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '../config/config-error.ts';
import { loadYamlFile } from '../config/load-yaml-file.ts';
import { suiteSchema, type Suite } from './suite-schema.ts';

/** Loads one suite file, or every `.yaml`/`.yml` file in a folder (sorted, not recursive). */
export async function loadSuites(fileOrFolder: string): Promise<{ path: string; suite: Suite }[]> {
  let info;
  try {
    info = await stat(fileOrFolder);
  } catch (error) {
    throw new ConfigError(`No suite at ${fileOrFolder}: the file or folder does not exist.`, { cause: error });
  }
  const paths = info.isDirectory()
    ? (await readdir(fileOrFolder)).filter((name) => /\.ya?ml$/.test(name)).sort().map((name) => join(fileOrFolder, name))
    : [fileOrFolder];
  if (paths.length === 0) throw new ConfigError(`The folder ${fileOrFolder} holds no .yaml suite files.`);
  return Promise.all(paths.map(async (path) => ({ path, suite: await loadYamlFile(path, suiteSchema) })));
}
