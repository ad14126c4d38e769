import { formatSql, type ClarificationReply, type FailureReply, type NoticeReply, type RefusalReply } from '../../../src/index.ts';
import { adaptiveCard, type CardMessage } from './card-types.ts';
import { codeBlock, cut, safeMessage, subtle, textBlock } from './card-text.ts';

/** Refusals, failures, notices and clarifications: a short human message, the rule and a hint; never a stack trace. */

export function refusalCard(reply: RefusalReply): CardMessage {
  const rules = reply.violations.slice(0, 10).map((violation) => `- **${violation.rule}**: ${safeMessage(violation.message, 600)} _${safeMessage(violation.hint, 600)}_`);
  const body = [textBlock(`⛔ I can't run this.\n\n${rules.join('\n')}`)];
  if (reply.sql) body.push(codeBlock(formatSql(reply.sql), 2000));
  return { card: adaptiveCard(body), text: cut(`I can't run this: ${reply.violations.map((violation) => violation.message).join(' ')}`, 300) };
}

export function failureCard(reply: FailureReply): CardMessage {
  return { card: adaptiveCard([textBlock(`⚠️ ${safeMessage(reply.message)}`), subtle(safeMessage(reply.hint))]), text: cut(safeMessage(reply.message), 300) };
}

export function noticeCard(reply: NoticeReply | ClarificationReply): CardMessage {
  return plainCard(reply.message);
}

/** A plain message the adapter itself gives (an expired preview, an unreadable button, a private-answer note). */
export function plainCard(text: string): CardMessage {
  return { card: adaptiveCard([textBlock(safeMessage(text, 6000))]), text: cut(safeMessage(text).replace(/[*_`]/g, ''), 300) };
}
