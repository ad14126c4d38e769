import type { Catalog } from '../catalog/catalog.ts';
import { deriveSemanticLayer } from './semantic-layer/derive-semantic-layer.ts';
import type { FastLane, FastLaneOutcome } from './fast-lane-types.ts';
import { buildLexicon } from './question/lexicon.ts';
import { parseQuestion } from './question/parse-question.ts';
import type { SemanticLayer } from './semantic-layer/semantic-layer-types.ts';
import type { ValueIndex } from './semantic-layer/value-index.ts';

/** The semantic-layer parser as a fast lane: built once from the catalog and the value index, then pure. */

export interface SemanticParser extends FastLane {
  /** The derived layer, for suggestions and `sql-eval semantic init`. */
  readonly layer: SemanticLayer;
}

export function createSemanticParser(input: { catalog: Catalog; valueIndex: ValueIndex }): SemanticParser {
  const layer = deriveSemanticLayer(input.catalog);
  const lexicon = buildLexicon(layer, input.valueIndex);
  return {
    layer,
    answer(question, context): FastLaneOutcome {
      const outcome = parseQuestion(question, lexicon, context.today);
      if (outcome.kind === 'abstained') return outcome;
      return { kind: 'answered', sql: outcome.sql, explanation: outcome.explanation, source: 'semantic-parser' };
    },
  };
}
