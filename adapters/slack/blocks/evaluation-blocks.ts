import type { KnownBlock } from './block-types.ts';
import type { EvaluationReply } from '../../../src/index.ts';
import { cut, escapeText, SLACK_LIMITS } from './mrkdwn.ts';
import type { TextMessage } from './message-blocks.ts';

/** An evaluation's scorecard: each figure against its threshold, met or not in words as well as a sign. */
export function evaluationMessage(reply: EvaluationReply): TextMessage {
  const lines = reply.scorecard.map((line) => {
    const mark = line.met === null ? ':heavy_minus_sign: not measured' : line.met ? ':white_check_mark: met' : ':x: *not met*';
    return `${mark}  *${escapeText(line.label)}*: ${escapeText(line.shown)} (target ${escapeText(line.target)}, ${line.cases} cases)${line.note ? `\n      _${escapeText(line.note)}_` : ''}`;
  });
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: cut(reply.title, 150) } },
    { type: 'section', text: { type: 'mrkdwn', text: cut(lines.join('\n'), SLACK_LIMITS.sectionText) } },
  ];
  if (reply.details.length > 0) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: cut(escapeText(reply.details.join('\n')), SLACK_LIMITS.sectionText) }] });
  const met = reply.scorecard.filter((line) => line.met === true).length;
  const measured = reply.scorecard.filter((line) => line.met !== null).length;
  return { blocks, text: cut(`${reply.title}: ${met} of ${measured} targets met.`, 300) };
}
