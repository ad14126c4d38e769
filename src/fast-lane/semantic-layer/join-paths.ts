import type { SemanticEntity, SemanticJoin, SemanticLayer } from './semantic-layer-types.ts';

/**
 * Many-to-one paths along foreign keys, from the entity whose rows a query counts or aggregates to the entities it
 * filters or groups by. Following a foreign key towards the referenced table never multiplies rows, so counts and
 * sums stay right; the other direction is not a join path.
 */

export interface JoinStep {
  from: SemanticEntity;
  join: SemanticJoin;
  to: SemanticEntity;
}

export type JoinPath = JoinStep[];

const maxJoinHops = 2;

/** Every path of at most `maxJoinHops` steps from `base` to `target` that visits no entity twice. */
export function joinPaths(layer: SemanticLayer, base: SemanticEntity, target: SemanticEntity): JoinPath[] {
  if (base === target) return [[]];
  const found: JoinPath[] = [];
  const walk = (at: SemanticEntity, path: JoinPath, visited: Set<string>) => {
    if (path.length >= maxJoinHops) return;
    for (const join of at.joins) {
      const next = layer.entities.find((entity) => entity.key === join.target);
      if (!next || visited.has(next.key)) continue;
      const extended = [...path, { from: at, join, to: next }];
      if (next === target) found.push(extended);
      else walk(next, extended, new Set([...visited, next.key]));
    }
  };
  walk(base, [], new Set([base.key]));
  return found;
}

export type PathLookup = { kind: 'path'; path: JoinPath } | { kind: 'none' } | { kind: 'ambiguous'; count: number };

/** The one path from base to target; two different ways to reach a table (two foreign keys to it) is ambiguous. */
export function uniquePath(layer: SemanticLayer, base: SemanticEntity, target: SemanticEntity): PathLookup {
  const paths = joinPaths(layer, base, target);
  if (paths.length === 0) return { kind: 'none' };
  if (paths.length > 1) return { kind: 'ambiguous', count: paths.length };
  return { kind: 'path', path: paths[0] as JoinPath };
}
