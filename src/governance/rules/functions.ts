import { isAllowedFunction } from '../allowed-functions.ts';
import { pass, violation, type PolicyInput, type RuleOutcome } from '../policy-types.ts';

/** Rule: every function the query calls is on the allowlist of side-effect-free functions. */
export function checkFunctions(input: PolicyInput): RuleOutcome {
  const refused = [...new Set(input.analysis.functions.map((use) => use.name).filter((name) => !isAllowedFunction(name)))];
  if (refused.length === 0) return pass;
  return violation(
    'functions',
    `The query calls ${refused.map((name) => `${name}()`).join(', ')}, which ${refused.length === 1 ? 'is' : 'are'} not on the list of side-effect-free functions.`,
    'Use plain aggregates, math, string, date/time and JSON functions; functions that sleep, read files, change settings or take locks are never run.',
  );
}
