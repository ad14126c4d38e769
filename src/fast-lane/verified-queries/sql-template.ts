import type { VerifiedQuerySlot } from '../../ports/state-store.ts';
import { canonicalNumber } from './normalize-question.ts';
import { periodBounds } from './period-bounds.ts';
import { findSqlLiterals } from './find-sql-literals.ts';

/**
 * A verified SQL statement as a template: each literal that is one of the question's slot values becomes a marker
 * (`{n1}`, `'{v1}'`, `'{d1:start}'`), keeping the SQL's own quotes. Building refuses (null) whenever the mapping
 * could be wrong: a slot found nowhere, a literal two slots could explain, a marker used twice, or SQL that already
 * contains marker-like text. Filling renders each new value checked and, inside quotes, with quotes doubled.
 */

type Suffix = '' | 'start' | 'end' | 'last';

interface Rendering {
  suffix: Suffix;
  literal: 'number' | 'string';
  text: string;
}

const MARKER = /\{([ndv]\d+)(?::(start|end|last))?\}/g;

export function buildSqlTemplate(sql: string, slots: VerifiedQuerySlot[]): string | null {
  if (new RegExp(MARKER.source).test(sql)) return null;
  const markersByLiteral = new Map<string, string[]>();
  for (const slot of slots) {
    const renderings = renderSlot(slot);
    if (renderings === null) return null;
    for (const rendering of renderings) {
      const key = `${rendering.literal}:${rendering.text}`;
      const marker = rendering.suffix === '' ? slot.name : `${slot.name}:${rendering.suffix}`;
      markersByLiteral.set(key, [...(markersByLiteral.get(key) ?? []), marker]);
    }
  }
  const usedMarkers = new Set<string>();
  const usedSlots = new Set<string>();
  let template = '';
  let cursor = 0;
  for (const literal of findSqlLiterals(sql)) {
    const markers = markersByLiteral.get(`${literal.kind}:${literal.value}`);
    if (markers === undefined) continue;
    const [marker] = markers;
    if (markers.length > 1 || marker === undefined || usedMarkers.has(marker)) return null;
    usedMarkers.add(marker);
    usedSlots.add(marker.split(':')[0]!);
    template += `${sql.slice(cursor, literal.start)}{${marker}}`;
    cursor = literal.end;
  }
  if (usedSlots.size !== slots.length) return null;
  return template + sql.slice(cursor);
}

/**
 * Null when a value cannot be rendered safely, or a marker has no slot of that name. A marker that is the whole content
 * of a quoted string takes the value's string form, quotes doubled; any other takes only a checked number or year.
 */
export function fillSqlTemplate(template: string, slots: VerifiedQuerySlot[]): string | null {
  const slotsByName = new Map(slots.map((slot) => [slot.name, slot]));
  const stringContents = new Map(findSqlLiterals(template).filter((literal) => literal.kind === 'string').map((literal) => [literal.start, literal.end]));
  let failed = false;
  const sql = template.replace(MARKER, (marker, name: string, suffix: Suffix | undefined, offset: number) => {
    const quoted = stringContents.get(offset) === offset + marker.length;
    const slot = slotsByName.get(name);
    const rendering = slot === undefined ? undefined : renderSlot(slot)?.find((candidate) => candidate.suffix === (suffix ?? '') && candidate.literal === (quoted ? 'string' : 'number'));
    if (rendering === undefined) {
      failed = true;
      return marker;
    }
    return quoted ? rendering.text.replaceAll("'", "''") : rendering.text;
  });
  return failed ? null : sql;
}

/** Every way the slot's value may be written as a SQL literal; null when the value is not valid for its kind. */
function renderSlot(slot: VerifiedQuerySlot): Rendering[] | null {
  switch (slot.kind) {
    case 'number': {
      return canonicalNumber(slot.value) === slot.value ? [{ suffix: '', literal: 'number', text: slot.value }] : null;
    }
    case 'value': {
      // Backslashes and NUL are refused outright, whatever standard_conforming_strings says.
      return /[\\\0]/.test(slot.value) ? null : [{ suffix: '', literal: 'string', text: slot.value }];
    }
    case 'year':
    case 'month':
    case 'quarter':
    case 'date': {
      const bounds = periodBounds(slot.kind, slot.value);
      if (bounds === null) return null;
      const renderings: Rendering[] = [{ suffix: '', literal: 'string', text: slot.value }];
      if (slot.kind === 'year') renderings.push({ suffix: '', literal: 'number', text: slot.value });
      if (slot.kind !== 'date') renderings.push({ suffix: 'start', literal: 'string', text: bounds.start }, { suffix: 'last', literal: 'string', text: bounds.last });
      renderings.push({ suffix: 'end', literal: 'string', text: bounds.end });
      return renderings;
    }
  }
}
