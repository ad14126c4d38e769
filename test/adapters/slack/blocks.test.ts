import { describe, expect, it } from 'vitest';
import { answerMessage } from '../../../adapters/slack/blocks/answer-blocks.ts';
import type { KnownBlock } from '../../../adapters/slack/blocks/block-types.ts';
import { failureMessage } from '../../../adapters/slack/blocks/message-blocks.ts';
import { previewBlocks } from '../../../adapters/slack/blocks/preview-blocks.ts';
import { fitBlocks } from '../../../adapters/slack/post-reply.ts';
import { questionText } from '../../../adapters/slack/slack-identity.ts';
import type { PreviewReply, TableView } from '../../../src/index.ts';

/** Slack's limits (50 blocks, 3,000 characters a section, 40,000 a message, 100 × 20 table cells) kept by cutting with a note. */

const sectionTexts = (blocks: KnownBlock[]) => blocks.flatMap((block) => (block.type === 'section' && block.text ? [block.text.text] : []));

describe('Block Kit within Slack limits', () => {
  it('shows 20 rows of a long result as a table block, with money and separators, and asks for the CSV', () => {
    const table: TableView = {
      columns: [{ name: 'country', dataType: 'text' }, { name: 'orders', dataType: 'bigint' }, { name: 'total_cents', dataType: 'bigint', unit: 'cents', currency: 'EUR' }],
      rows: Array.from({ length: 150 }, (_, index) => [`C${index}`, String(1000 + index), String(123_456 + index)]),
      truncated: true,
    };
    const message = answerMessage({ table, hiddenColumns: ['customers.email'], lane: 'fast', elapsedMs: 1234 });
    const block = message.blocks.find((candidate) => candidate.type === 'table') as unknown as { rows: { text: string }[][]; column_settings: object[] };
    expect(block.rows).toHaveLength(21);
    expect(block.rows[0]?.map((cell) => cell.text)).toEqual(['country', 'orders', 'total']);
    expect(block.rows[1]?.map((cell) => cell.text)).toEqual(['C0', '1,000', '€1,234.56']);
    expect(block.column_settings).toEqual([{ is_wrapped: true }, { align: 'right' }, { align: 'right' }]);
    expect(message.needsCsv).toBe(true);
    const context = JSON.stringify(message.blocks.at(-1));
    expect(context).toContain('150 rows (cut at the row limit) · 1,234 ms');
    expect(context).toContain('Showing the first 20; the full result is in the CSV file below.');
    expect(context).toContain('customers.email');
  });

  it('falls back to a monospace block that fits one section for more than 20 columns', () => {
    const columns = Array.from({ length: 25 }, (_, index) => ({ name: `column_${index}`, dataType: 'text' }));
    const table: TableView = { columns, rows: Array.from({ length: 30 }, () => columns.map(() => 'x'.repeat(80))), truncated: false };
    const message = answerMessage({ table, hiddenColumns: [], lane: 'llm' });
    expect(message.blocks.some((block) => block.type === 'table')).toBe(false);
    for (const text of sectionTexts(message.blocks)) expect(text.length).toBeLessThanOrEqual(3000);
    expect(message.needsCsv).toBe(true);
    expect(JSON.stringify(message.blocks)).toContain('25 columns: shown as text; the CSV file has them all.');
  });

  it('cuts a very long SQL preview to the section limit, with a note, and keeps the buttons', () => {
    const sql = `SELECT ${Array.from({ length: 600 }, (_, index) => `column_${index}`).join(', ')} FROM orders`;
    const reply: PreviewReply = { kind: 'preview', requestId: 'r', lane: 'llm', previewId: 'p1', question: 'q', sql, explanation: 'e'.repeat(5000), estimatedRows: 12_345, hiddenColumns: [] };
    const blocks = fitBlocks(previewBlocks(reply, { expiresAt: Date.UTC(2025, 6, 1, 12, 0) }));
    for (const text of sectionTexts(blocks)) expect(text.length).toBeLessThanOrEqual(3000);
    expect(JSON.stringify(blocks)).toContain('(cut: ');
    expect(JSON.stringify(blocks)).toContain('About 12,345 rows');
    expect(blocks.at(-1)?.type).toBe('actions');
  });

  it('keeps at most 50 blocks and 40,000 characters, the buttons last', () => {
    const many: KnownBlock[] = [...Array.from({ length: 70 }, (_, index) => ({ type: 'section', text: { type: 'mrkdwn', text: `${index} ${'y'.repeat(2900)}` } }) as KnownBlock), { type: 'actions', elements: [] } as KnownBlock];
    const fitted = fitBlocks(many);
    expect(fitted.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(fitted).length).toBeLessThanOrEqual(40_000);
    expect(fitted.at(-1)?.type).toBe('actions');
    expect(JSON.stringify(fitted)).toContain("left out to fit Slack's limits");
  });

  it('never shows a stack trace, and escapes markup in messages', () => {
    const message = failureMessage({ kind: 'failure', requestId: 'r', lane: 'none', code: 'internal-error', message: 'Something <broke> & failed\n    at secret (/srv/app.ts:1:1)\n    at next', hint: 'Try again.', sql: null });
    expect(message.text).not.toContain(' at ');
    expect(JSON.stringify(message.blocks)).toContain('&lt;broke&gt; &amp; failed');
  });

  it('reads the question without the bot mention, with links and entities as written', () => {
    expect(questionText('<@UBOT> how many orders from <@U123|ana> on <https://shop.test|the shop> &amp; more?', 'UBOT')).toBe('how many orders from @U123 on the shop & more?');
  });
});
