import { describe, expect, it } from 'vitest';
import { answerCard } from '../../../adapters/teams/cards/answer-card.ts';
import { TEAMS_LIMITS } from '../../../adapters/teams/cards/card-types.ts';
import { failureCard } from '../../../adapters/teams/cards/message-card.ts';
import { previewCard } from '../../../adapters/teams/cards/preview-card.ts';
import { teamsActivitySchema, teamsActor, teamsPlace, questionText, type TeamsActivity } from '../../../adapters/teams/teams-activity.ts';
import { commandOf } from '../../../adapters/teams/teams-command.ts';
import { failure, type PreviewReply } from '../../../src/index.ts';

function activity(text: string, overrides: Partial<TeamsActivity> = {}): TeamsActivity {
  return teamsActivitySchema.parse({
    type: 'message',
    id: '1700000000001',
    text,
    serviceUrl: 'https://smba.example.com/emea/',
    from: { id: '29:ana', name: 'Ana', aadObjectId: 'aad-ana' },
    recipient: { id: '28:bot', name: 'sql-eval' },
    conversation: { id: '19:c@thread.tacv2;messageid=1700000000000', conversationType: 'channel', tenantId: 't1' },
    channelData: { tenant: { id: 't1' }, channel: { id: '19:c@thread.tacv2' } },
    entities: [{ type: 'mention', text: '<at>sql-eval</at>', mentioned: { id: '28:bot', name: 'sql-eval' } }],
    ...overrides,
  });
}

describe('Teams activities', () => {
  it('reads the question without the bot mention or Teams HTML, other mentions kept as @Name', () => {
    const message = activity('<p><at>sql-eval</at> orders for <at>Bo</at> &amp; co&nbsp;in 2024?</p>', {
      entities: [
        { type: 'mention', text: '<at>sql-eval</at>', mentioned: { id: '28:bot', name: 'sql-eval' } },
        { type: 'mention', text: '<at>Bo</at>', mentioned: { id: '29:bo', name: 'Bo' } },
      ],
    });
    expect(questionText(message)).toBe('orders for @Bo & co in 2024?');
  });

  it('knows who and where: the Entra identity, the channel, and the reply chain as the thread', () => {
    const message = activity('hi', { from: { id: '29:ana', name: 'Ana', aadObjectId: 'aad-ana', userPrincipalName: 'Ana@Example.com' } });
    expect(teamsActor(message)).toEqual({ platform: 'teams', workspaceId: 't1', userId: 'aad-ana', displayName: 'Ana', email: 'ana@example.com' });
    expect(teamsPlace(message)).toEqual({ platform: 'teams', workspaceId: 't1', channelId: '19:c@thread.tacv2', threadId: '1700000000000', isDirect: false });
    const direct = activity('hi', { conversation: { id: 'a:1x', conversationType: 'personal', tenantId: 't1' }, channelData: { tenant: { id: 't1' } } });
    expect(teamsPlace(direct)).toMatchObject({ channelId: 'a:1x', isDirect: true });
  });

  it('tells commands from questions that start with a command word', () => {
    expect(commandOf(activity('<at>sql-eval</at> help'))).toBe('help');
    expect(commandOf(activity('sql-eval whoami'))).toBe('whoami');
    expect(commandOf(activity('sql-eval'))).toBe('help');
    expect(commandOf(activity('grant @Bo pii:customers.email'))).toBe('grant @Bo pii:customers.email');
    expect(commandOf(activity('help me count the orders of 2024'))).toBeUndefined();
    expect(commandOf(activity('how many orders?'))).toBeUndefined();
  });
});

describe('Teams cards', () => {
  it('keeps a wide answer under the message size by showing fewer rows, and says so', () => {
    const columns = Array.from({ length: 10 }, (_, index) => ({ name: `column_${index}`, dataType: 'text' }));
    const rows = Array.from({ length: 100 }, (_, row) => columns.map((_, index) => `${'x'.repeat(150)} ${row}.${index}`));
    const card = answerCard({ table: { columns, rows, truncated: false }, hiddenColumns: [], lane: 'fast', csvUrl: 'https://bot.example.com/teams/files/x' });
    expect(JSON.stringify(card.card).length).toBeLessThanOrEqual(TEAMS_LIMITS.cardJson);
    expect(card.rowsLeftOut).toBe(true);
    expect(JSON.stringify(card.card)).toContain('Download 100 rows (CSV)');
    expect(JSON.stringify(card.card)).toMatch(/Showing the first \d+\./);
  });

  it('shows money in its currency and right-aligns numbers', () => {
    const card = answerCard({ table: { columns: [{ name: 'city', dataType: 'text' }, { name: 'total_cents', dataType: 'bigint', unit: 'cents', currency: 'EUR' }], rows: [['Porto', '53299']], truncated: false }, hiddenColumns: [], lane: 'fast' });
    const json = JSON.stringify(card.card);
    expect(json).toContain('€532.99');
    expect(json).toContain('"horizontalCellContentAlignment":"Right"');
  });

  it('puts Run and Cancel on a preview with the preview id and expiry, each falling back to Action.Submit', () => {
    const reply: PreviewReply = { kind: 'preview', requestId: 'r', lane: 'llm', previewId: 'p-1', question: 'q', sql: 'SELECT 1 LIMIT 100', explanation: 'One.', estimatedRows: 1, hiddenColumns: ['customers.email'] };
    const { card } = previewCard(reply, { expiresAt: Date.UTC(2026, 0, 1, 12, 0, 0) });
    expect(card.actions?.map((action) => action.data)).toEqual([
      { action: 'sql_eval_run', previewId: 'p-1', expiresAt: Date.UTC(2026, 0, 1, 12, 0, 0) },
      { action: 'sql_eval_cancel', previewId: 'p-1', expiresAt: Date.UTC(2026, 0, 1, 12, 0, 0) },
    ]);
    const json = JSON.stringify(card);
    expect(json).toContain('{{DATE(2026-01-01T12:00:00Z, SHORT)}}');
    expect(json).toContain('At most 100 rows (LIMIT)');
    expect(json).toContain('customers.email');
  });

  it('never shows a stack trace', () => {
    const card = failureCard(failure('r', 'llm', 'internal-error', 'Something went wrong\n    at run (/app/x.js:1:1)', 'Try again.'));
    expect(JSON.stringify(card.card)).not.toContain('x.js');
  });
});
