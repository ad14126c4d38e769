import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering of docs/architecture.md, enforced: a module may import its own layer or lower ones, never a higher one,
 * and the chat adapters import the core only through src/index.ts.
 */

const root = path.resolve(import.meta.dirname, '../..');

/** Bottom to top; each entry is a folder under src/ (or `adapters`, `bin`, `src/index.ts`). */
const layers: string[][] = [
  ['vocabulary', 'ports'],
  ['sql', 'config', 'sample-db', 'language'],
  ['catalog', 'render'],
  ['governance', 'fast-lane', 'budget', 'audit'],
  ['pipeline'],
  ['assistant', 'eval', 'index.ts'],
  ['providers'],
  ['compose', 'cli'],
  ['adapters'],
  ['bin'],
];

function layerOf(file: string): { layer: number; unit: string } {
  const relative = path.relative(root, file).split(path.sep);
  const unit = relative[0] === 'adapters' || relative[0] === 'bin' ? (relative[0] as string) : (relative[1] ?? '');
  const layer = layers.findIndex((units) => units.includes(unit));
  if (layer < 0) throw new Error(`${path.relative(root, file)} is in no layer: add its folder to the layer list in test/architecture/layers.test.ts and docs/architecture.md`);
  return { layer, unit };
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Relative specifiers of static imports, re-exports and dynamic imports. */
export function importedPaths(source: string): string[] {
  const pattern = /(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;
  return [...source.matchAll(pattern)].map((match) => match[1] as string);
}

const files = [...sourceFiles(path.join(root, 'src')), ...sourceFiles(path.join(root, 'adapters')), ...sourceFiles(path.join(root, 'bin'))];

describe('layers', () => {
  it('finds the imports of a module', () => {
    expect(importedPaths(`import { a } from './a.ts';\nexport * from '../b/index.ts';\nconst c = await import('./c.ts');\nimport './d.ts';`)).toEqual(['./a.ts', '../b/index.ts', './c.ts', './d.ts']);
  });

  it('has every module in a layer, importing only its own layer or lower ones', () => {
    const upward: string[] = [];
    for (const file of files) {
      const from = layerOf(file);
      for (const specifier of importedPaths(readFileSync(file, 'utf8'))) {
        const target = path.resolve(path.dirname(file), specifier);
        const to = layerOf(target);
        if (to.layer > from.layer) upward.push(`${path.relative(root, file)} (${from.unit}) imports ${path.relative(root, target)} (${to.unit})`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('lets the chat adapters reach the core only through src/index.ts', () => {
    const reaching: string[] = [];
    for (const file of files.filter((candidate) => layerOf(candidate).unit === 'adapters')) {
      for (const specifier of importedPaths(readFileSync(file, 'utf8'))) {
        const target = path.relative(root, path.resolve(path.dirname(file), specifier));
        if (!target.startsWith('adapters') && target !== path.join('src', 'index.ts')) reaching.push(`${path.relative(root, file)} imports ${target}`);
      }
    }
    expect(reaching).toEqual([]);
  });
});
