import type { KnownBlock } from './block-types.ts';
import { formatSql, laneName, limitNote, rowEstimate, rowPolicyNote, type PreviewReply } from '../../../src/index.ts';
import { codeBlock, cut, escapeText, slackDate, SLACK_LIMITS } from './mrkdwn.ts';

/** A preview: the SQL laid out, what it does, the lane, the policy notes, the row estimate, and Run / Cancel. */

export const RUN_ACTION = 'sql_eval_run';
export const CANCEL_ACTION = 'sql_eval_cancel';
export const PREVIEW_ACTIONS_BLOCK = 'sql_eval_preview_actions';

/** What a Run or Cancel button carries: the preview and when it expires. */
export interface PreviewButtonValue {
  previewId: string;
  expiresAt: number;
}

export interface PreviewBlocksOptions {
  /** Epoch milliseconds after which Run no longer works. */
  expiresAt: number;
  /** Shown above the SQL when the message starts a thread (slash command), where the question is not above it. */
  askedBy?: { userId: string; question: string } | undefined;
}

export function previewBlocks(reply: PreviewReply, options: PreviewBlocksOptions): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (options.askedBy) blocks.push(section(`<@${options.askedBy.userId}> asked: *${escapeText(cut(options.askedBy.question, 500))}*`));
  if (reply.parts) {
    blocks.push(section(`I split the question into ${reply.parts.length} parts. ${escapeText(cut(reply.explanation, 1000))}`));
    reply.parts.forEach((part, index) => {
      blocks.push(section(`*Part ${index + 1}:* ${escapeText(cut(part.question, 500))}\n${codeBlock(formatSql(part.sql), SLACK_LIMITS.sectionText - 600)}`));
      blocks.push(context([rowEstimate(part.estimatedRows), ...hiddenNote(part.hiddenColumns)]));
    });
  } else {
    blocks.push(section(codeBlock(formatSql(reply.sql))));
    if (reply.explanation.trim() !== '') blocks.push(section(escapeText(cut(reply.explanation, 2000))));
  }
  blocks.push(context([laneName(reply.lane), ...(reply.parts ? [] : [rowEstimate(reply.estimatedRows)]), ...limitNote(reply.sql), `Run expires ${slackDate(options.expiresAt)}`]));
  if (!reply.parts && reply.hiddenColumns.length > 0) blocks.push(context(hiddenNote(reply.hiddenColumns)));
  if (reply.rowPolicies && reply.rowPolicies.length > 0) blocks.push(context(rowPolicyNote(reply.rowPolicies, 'preview').map((note) => `:mag: ${escapeText(note)}`)));
  blocks.push(previewActions({ previewId: reply.previewId, expiresAt: options.expiresAt }));
  return blocks;
}

export function previewActions(value: PreviewButtonValue): KnownBlock {
  const text = JSON.stringify(value);
  return {
    type: 'actions',
    block_id: PREVIEW_ACTIONS_BLOCK,
    elements: [
      { type: 'button', action_id: RUN_ACTION, text: { type: 'plain_text', text: 'Run' }, style: 'primary', value: text },
      { type: 'button', action_id: CANCEL_ACTION, text: { type: 'plain_text', text: 'Cancel' }, value: text },
    ],
  };
}

/** The preview message after a click: the buttons replaced by who did what, and when. */
export function settledPreviewBlocks(original: KnownBlock[], outcome: string): KnownBlock[] {
  const kept = original.filter((block) => block.block_id !== PREVIEW_ACTIONS_BLOCK);
  return [...kept, context([outcome])];
}

export function previewFallbackText(reply: PreviewReply): string {
  return cut(`SQL preview: ${reply.sql.replace(/\s+/g, ' ')}`, 300);
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: cut(text, SLACK_LIMITS.sectionText) } };
}

function context(texts: string[]): KnownBlock {
  return { type: 'context', elements: texts.filter((text) => text !== '').slice(0, SLACK_LIMITS.contextElements).map((text) => ({ type: 'mrkdwn' as const, text: cut(text, 2000) })) };
}



function hiddenNote(columns: string[]): string[] {
  return columns.length > 0 ? [`:lock: Left out because you lack the entitlement: ${escapeText(columns.join(', '))}`] : [];
}

