import type { KnownBlock } from './block-types.ts';
import { formatSql, type ClarificationReply, type FailureReply, type NoticeReply, type RefusalReply } from '../../../src/index.ts';
import { codeBlock, cut, escapeText, safeMessage, SLACK_LIMITS } from './mrkdwn.ts';

/** Refusals, failures, notices and clarifications: a short human message, the rule and a hint; never a stack trace. */

export interface TextMessage {
  blocks: KnownBlock[];
  text: string;
}

export function refusalMessage(reply: RefusalReply): TextMessage {
  const rules = reply.violations.slice(0, 10).map((violation) => `• *${escapeText(violation.rule)}*: ${escapeText(safeMessage(violation.message, 600))}\n   _${escapeText(safeMessage(violation.hint, 600))}_`);
  const blocks: KnownBlock[] = [section(`:no_entry: I can't run this.\n${rules.join('\n')}`)];
  if (reply.sql) blocks.push(section(codeBlock(formatSql(reply.sql), 2000)));
  return { blocks, text: cut(`I can't run this: ${reply.violations.map((violation) => violation.message).join(' ')}`, 300) };
}

export function failureMessage(reply: FailureReply): TextMessage {
  const text = `:warning: ${escapeText(safeMessage(reply.message))}\n_${escapeText(safeMessage(reply.hint))}_`;
  return { blocks: [section(text)], text: cut(safeMessage(reply.message), 300) };
}

export function noticeMessage(reply: NoticeReply | ClarificationReply): TextMessage {
  return { blocks: [section(escapeText(safeMessage(reply.message, SLACK_LIMITS.sectionText - 50)))], text: cut(safeMessage(reply.message), 300) };
}

/** A plain line, for hints the adapter itself gives (an expired preview, an unreadable button). */
export function plainMessage(text: string): TextMessage {
  return { blocks: [section(text)], text: cut(text.replace(/[*_`]/g, ''), 300) };
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: cut(text, SLACK_LIMITS.sectionText) } };
}
