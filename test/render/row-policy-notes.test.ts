import { describe, expect, it } from 'vitest';
import { answerMessage } from '../../adapters/slack/blocks/answer-blocks.ts';
import { previewBlocks } from '../../adapters/slack/blocks/preview-blocks.ts';
import { answerCard } from '../../adapters/teams/cards/answer-card.ts';
import { previewCard } from '../../adapters/teams/cards/preview-card.ts';
import { describeReply, type AnswerReply, type PreviewReply } from '../../src/index.ts';

/** Every surface says which row policies apply to a preview and that an answer's rows are limited, by name only. */

const table = { columns: [{ name: 'count', dataType: 'bigint' }], rows: [[42]], truncated: false };
const preview: PreviewReply = { kind: 'preview', requestId: 'r', lane: 'llm', previewId: 'p', question: 'q', sql: 'SELECT count(*) FROM customers', explanation: '', estimatedRows: 1, hiddenColumns: [], rowPolicies: ['reps on customers'] };
const answer: AnswerReply = { kind: 'answer', requestId: 'r', lane: 'llm', question: 'q', sql: 'SELECT count(*) FROM customers', explanation: '', table, hiddenColumns: [], elapsedMs: 3, personalData: [], audience: 'thread', rowPolicies: ['reps on customers'] };
const text = (value: unknown) => JSON.stringify(value);

describe('row policy notes', () => {
  it('name the policies on a preview and say Run applies the runner\'s', () => {
    for (const rendered of [describeReply(preview), text(previewBlocks(preview, { expiresAt: 0 })), text(previewCard(preview, { expiresAt: 0 }))]) {
      expect(rendered).toContain('Row policies apply: reps on customers (Run applies the row policies of whoever runs it)');
    }
  });

  it('say an answer\'s rows are limited by the person\'s access', () => {
    for (const rendered of [describeReply(answer), text(answerMessage({ table, hiddenColumns: [], rowPolicies: answer.rowPolicies, lane: 'llm' })), text(answerCard({ table, hiddenColumns: [], rowPolicies: answer.rowPolicies, lane: 'llm' }))]) {
      expect(rendered).toContain('Rows limited by your access (row policies: reps on customers)');
    }
  });

  it('say nothing when no policy applies', () => {
    const plain = { ...answer, rowPolicies: undefined };
    expect(describeReply(plain)).not.toContain('row policies');
    expect(text(answerMessage({ table, hiddenColumns: [], lane: 'llm' }))).not.toContain('row policies');
    expect(text(previewBlocks({ ...preview, rowPolicies: [] }, { expiresAt: 0 }))).not.toContain('Row policies');
  });
});
