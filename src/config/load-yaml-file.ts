import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { ConfigError, describeIssues } from './config-error.ts';

/** Reads a YAML file and validates it; every failure names the file and the key to fix. */
export async function loadYamlFile<T>(path: string, schema: z.ZodType<T>): Promise<T> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'the file does not exist' : `it cannot be read (${code ?? 'unknown error'})`;
    throw new ConfigError(`Cannot load ${path}: ${reason}.`, { cause: error });
  }
  return parseYamlText(text, path, schema);
}

export function parseYamlText<T>(text: string, source: string, schema: z.ZodType<T>): T {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ConfigError(`${source} is not valid YAML: ${detail}`, { cause: error });
  }
  const parsed = schema.safeParse(data ?? {});
  if (!parsed.success) throw new ConfigError(describeIssues(source, parsed.error));
  return parsed.data;
}
