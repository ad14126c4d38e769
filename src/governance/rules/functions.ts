import { fieldsOf, fieldsOrSelf, isNode, nameList } from '../../sql/nodes.ts';
import { isAllowedFunction } from '../allowed-functions.ts';
import { pass, violation, type PolicyInput, type RuleOutcome } from '../policy-types.ts';

/**
 * Rule: every function the query calls is on the allowlist of side-effect-free functions, and no value
 * is cast to an object-identifier type (`'pg_authid'::regclass`), which reads the system catalogs.
 */
export function checkFunctions(input: PolicyInput): RuleOutcome {
  const refused = [...new Set(input.analysis.functions.map((use) => use.name).filter((name) => !isAllowedFunction(name)))];
  const casts = catalogCasts(input.statement);
  if (refused.length === 0 && casts.length === 0) return pass;
  const parts = [
    ...(refused.length > 0 ? [`calls ${refused.map((name) => `${name}()`).join(', ')}, which ${refused.length === 1 ? 'is' : 'are'} not on the list of side-effect-free functions`] : []),
    ...(casts.length > 0 ? [`casts to ${casts.join(', ')}, which look${casts.length === 1 ? 's' : ''} up the system catalogs`] : []),
  ];
  return violation(
    'functions',
    `The query ${parts.join(' and ')}.`,
    'Use plain aggregates, math, string, date/time and JSON functions; functions that sleep, read files, change settings or take locks are never run.',
  );
}

const catalogTypes = /^reg(class|proc|procedure|oper|operator|type|namespace|role|config|dictionary|collation)$/;

function catalogCasts(statement: unknown): string[] {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!isNode(value)) return;
    const typeNames = [fieldsOf(value, 'TypeCast')?.typeName, fieldsOf(value, 'ColumnDef')?.typeName];
    for (const typeName of typeNames) {
      const name = nameList(fieldsOrSelf(typeName, 'TypeName')?.names).at(-1);
      if (name && catalogTypes.test(name)) found.add(name);
    }
    for (const child of Object.values(value)) visit(child);
  };
  visit(statement);
  return [...found];
}
