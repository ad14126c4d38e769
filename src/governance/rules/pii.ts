import { findColumn } from '../../catalog/catalog.ts';
import type { ColumnSource } from '../../sql/analysis-types.ts';
import { mayReadPii, requiredEntitlement } from '../entitlements.ts';
import { pass, violation, type PolicyInput, type RuleOutcome } from '../policy-types.ts';

/**
 * Rule: a column tagged `pii: true` may appear anywhere in a query (select list, WHERE, JOIN, GROUP BY,
 * ORDER BY, function arguments, whole-row values) only if the asker holds its entitlement. A `*` or
 * `t.*` in a select list is narrowed to the columns the asker may see; any other reference is refused.
 */
export function checkPii(input: PolicyInput): RuleOutcome {
  const forbidden = (source: ColumnSource) => {
    const column = findColumn(input.catalog, source.schema, source.table, source.column);
    return column?.pii === true && !mayReadPii(input.entitlements, source.table, source.column);
  };
  const explicit = input.analysis.columnUses.filter((use) => !(use.kind === 'star' && use.clause === 'select') && forbidden(use));
  if (explicit.length > 0) {
    const columns = [...new Set(explicit.map((use) => `${use.table}.${use.column}`))];
    const needed = [...new Set(explicit.map((use) => requiredEntitlement(use.table, use.column)))];
    const wholeRow = explicit.some((use) => use.kind !== 'explicit');
    return violation(
      'pii',
      `The query reads personal data you are not entitled to: ${columns.join(', ')}${wholeRow ? ' (through a whole-row value)' : ''}.`,
      `Leave ${columns.length === 1 ? 'this column' : 'these columns'} out, or ask an admin for ${needed.join(', ')}.`,
    );
  }
  const hidden = new Set<string>();
  for (const expansion of input.analysis.starExpansions) {
    const visible = expansion.columns.filter((column) => !column.sources.some(forbidden));
    if (visible.length === expansion.columns.length) continue;
    for (const column of expansion.columns) if (column.sources.some(forbidden)) hidden.add(describeHidden(column.sources.filter(forbidden)));
    if (visible.length === 0) {
      return violation('pii', 'Every column of this * is personal data you are not entitled to.', `Ask an admin for ${[...hidden].map((name) => `pii:${name}`).join(', ')}.`);
    }
    const index = expansion.targetList.indexOf(expansion.target);
    expansion.targetList.splice(index, 1, ...visible.map((column) => columnTarget(column.qualifier, column.name)));
  }
  if (hidden.size === 0) return pass;
  return { kind: 'rewrite', note: `hid personal data from *: ${[...hidden].join(', ')}`, hiddenColumns: [...hidden] };
}

function describeHidden(sources: ColumnSource[]): string {
  const source = sources[0] as ColumnSource;
  return `${source.table}.${source.column}`;
}

function columnTarget(qualifier: string, name: string): unknown {
  const fields = qualifier === '' ? [{ String: { sval: name } }] : [{ String: { sval: qualifier } }, { String: { sval: name } }];
  return { ResTarget: { val: { ColumnRef: { fields } } } };
}
