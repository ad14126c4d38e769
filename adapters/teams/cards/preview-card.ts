import { formatSql, laneName, limitNote, rowEstimate, rowPolicyNote, type PreviewReply } from '../../../src/index.ts';
import { adaptiveCard, TEAMS_LIMITS, type AdaptiveCard, type CardAction, type CardElement, type CardMessage } from './card-types.ts';
import { cardTime, codeBlock, cut, subtle, textBlock } from './card-text.ts';

/**
 * A preview: the SQL laid out, what it does, the lane, the row limit, the row estimate, and Run / Cancel as
 * `Action.Execute` (universal actions), each falling back to an `Action.Submit` with the same data on clients
 * without universal actions. After a click the card is replaced by `settledPreviewCard`.
 */

export const RUN_ACTION = 'sql_eval_run';
export const CANCEL_ACTION = 'sql_eval_cancel';

/** What Run and Cancel carry: the preview and when it expires. */
export interface PreviewActionData {
  action: typeof RUN_ACTION | typeof CANCEL_ACTION;
  previewId: string;
  expiresAt: number;
}

export interface PreviewCardOptions {
  expiresAt: number;
  /** Shown above the SQL in a channel, where several people's previews share a thread. */
  askedBy?: { name: string; question: string } | undefined;
}

export function previewCard(reply: PreviewReply, options: PreviewCardOptions): CardMessage {
  const body: CardElement[] = [];
  if (options.askedBy) body.push(textBlock(`**${cut(options.askedBy.name, 100)}** asked: ${cut(options.askedBy.question, 500)}`));
  if (reply.parts) {
    body.push(textBlock(`I split the question into ${reply.parts.length} parts. ${cut(reply.explanation, 1000)}`));
    const room = Math.floor(TEAMS_LIMITS.sqlText / reply.parts.length);
    reply.parts.forEach((part, index) => {
      body.push(textBlock(`**Part ${index + 1}:** ${cut(part.question, 500)}`, { spacing: 'Medium' }));
      body.push(codeBlock(formatSql(part.sql), room));
      body.push(subtle([rowEstimate(part.estimatedRows), ...hiddenNote(part.hiddenColumns)].join(' · ')));
    });
  } else {
    body.push(codeBlock(formatSql(reply.sql), TEAMS_LIMITS.sqlText));
    if (reply.explanation.trim() !== '') body.push(textBlock(cut(reply.explanation, 2000)));
  }
  const facts = [laneName(reply.lane), ...(reply.parts ? [] : [rowEstimate(reply.estimatedRows)]), ...limitNote(reply.sql), `Run expires ${cardTime(options.expiresAt)}`];
  body.push(subtle(facts.filter((fact) => fact !== '').join(' · ')));
  if (!reply.parts && reply.hiddenColumns.length > 0) body.push(subtle(hiddenNote(reply.hiddenColumns).join(' ')));
  for (const note of rowPolicyNote(reply.rowPolicies, 'preview')) body.push(subtle(`🔎 ${note}`));
  const data = (action: PreviewActionData['action']): PreviewActionData => ({ action, previewId: reply.previewId, expiresAt: options.expiresAt });
  return { card: adaptiveCard(body, [executeAction('Run', data(RUN_ACTION), 'positive'), executeAction('Cancel', data(CANCEL_ACTION))], 'SQL preview'), text: cut(`SQL preview: ${reply.sql.replace(/\s+/g, ' ')}`, 300) };
}

/** The preview after a click: the same card without its buttons, with who did what, and when. */
export function settledPreviewCard(original: AdaptiveCard | undefined, outcome: string): AdaptiveCard {
  const body = original ? original.body : [textBlock('SQL preview')];
  return adaptiveCard([...body, textBlock(outcome, { weight: 'Bolder', spacing: 'Medium' })], undefined, outcome);
}

function executeAction(title: string, data: PreviewActionData, style?: 'positive'): CardAction {
  return {
    type: 'Action.Execute',
    title,
    verb: data.action,
    data,
    ...(style ? { style } : {}),
    fallback: { type: 'Action.Submit', title, data, ...(style ? { style } : {}) },
  };
}



function hiddenNote(columns: string[]): string[] {
  return columns.length > 0 ? [`🔒 Left out because you lack the entitlement: ${columns.join(', ')}`] : [];
}

