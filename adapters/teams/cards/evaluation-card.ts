import type { EvaluationReply } from '../../../src/index.ts';
import { adaptiveCard, type CardAction, type CardElement, type CardMessage } from './card-types.ts';
import { cut, safeMessage, subtle, textBlock } from './card-text.ts';

/**
 * An evaluation's scorecard: each figure against its threshold, met or not in words as well as a sign; the latency
 * chart and the report files as links when this server has a public address.
 */

export interface EvaluationLinks {
  chartUrl?: string | undefined;
  files: { title: string; url: string }[];
  /** Said when files could not be linked (no PUBLIC_URL). */
  unavailable?: string | undefined;
}

export function evaluationCard(reply: EvaluationReply, links: EvaluationLinks): CardMessage {
  const facts = reply.scorecard.map((line) => ({
    title: line.label,
    value: `${line.met === null ? '➖ not measured' : line.met ? '✅ met' : '❌ NOT met'}: ${line.shown} (target ${line.target}, ${line.cases} cases)${line.note ? ` — ${line.note}` : ''}`,
  }));
  const body: CardElement[] = [textBlock(`**${safeMessage(reply.title, 300)}**`, { size: 'Medium' }), { type: 'FactSet', facts }];
  if (reply.details.length > 0) body.push(subtle(safeMessage(reply.details.join('\n\n'), 3000)));
  if (links.chartUrl && reply.chart) body.push({ type: 'Image', url: links.chartUrl, altText: reply.chart.altText, msteams: { allowExpand: true } });
  if (links.unavailable) body.push(subtle(links.unavailable));
  const actions: CardAction[] = links.files.map((file) => ({ type: 'Action.OpenUrl', title: file.title, url: file.url }));
  const met = reply.scorecard.filter((line) => line.met === true).length;
  const measured = reply.scorecard.filter((line) => line.met !== null).length;
  return { card: adaptiveCard(body, actions), text: cut(`${reply.title}: ${met} of ${measured} targets met.`, 300) };
}
