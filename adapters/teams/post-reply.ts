import { chooseChart, renderChart, tableToCsv, type AnswerReply, type EvaluationReply, type Reply, type TableView } from '../../src/index.ts';
import { evaluationCard, type EvaluationLinks } from './cards/evaluation-card.ts';
import { answerCard, leavesRowsOut } from './cards/answer-card.ts';
import { adaptiveCard, type AdaptiveCard, type CardMessage } from './cards/card-types.ts';
import { textBlock } from './cards/card-text.ts';
import { failureCard, noticeCard, plainCard, refusalCard } from './cards/message-card.ts';
import { previewCard } from './cards/preview-card.ts';
import type { ConversationRef, TeamsCall } from './teams-connector.ts';
import type { TeamsDeps } from './teams-deps.ts';

/**
 * A reply into a conversation: the card itself, then for an answer a chart when the result has a time series or a
 * category breakdown. An answer marked `private` (personal data asked about in a shared place) goes to the viewer's
 * personal chat with the bot instead, and the shared conversation gets a note without the values.
 */

export interface Viewer {
  /** The Teams user id (`29:…`) the personal chat is opened with. */
  id: string;
  name: string | undefined;
}

export interface PostReplyOptions {
  /** Shown above a preview in a shared conversation. */
  askedBy?: { name: string; question: string } | undefined;
  /** Show the SQL with the answer (no preview showed it before). */
  showSql: boolean;
  /** Whoever asked or pressed Run: the one person who sees an answer meant for them alone. */
  viewer: Viewer;
  isDirect: boolean;
}

const maxPreviewCards = 2000;
/**
 * A chart image inlined in its card as a data URI must keep the message under Teams' size limit (about 28 KB): a
 * small chart is inlined and stays with the message; a larger one is linked (a day) from this server.
 */
const maxInlineImageChars = 20_000;

export async function postReply(deps: TeamsDeps, ref: ConversationRef, reply: Reply, options: PostReplyOptions): Promise<TeamsCall<{ id: string }>> {
  switch (reply.kind) {
    case 'answer':
      return reply.audience === 'private' && !options.isDirect ? postPrivateAnswer(deps, ref, reply, options) : postAnswer(deps, ref, reply, options.showSql);
    case 'preview': {
      const message = previewCard(reply, { expiresAt: deps.now() + deps.previewTtlMs, askedBy: options.isDirect ? undefined : options.askedBy });
      rememberPreviewCard(deps, reply.previewId, message.card);
      return deps.connector.send(ref, message);
    }
    case 'evaluation':
      return deps.connector.send(ref, evaluationCard(reply, evaluationLinks(deps, reply)));
    default:
      return deps.connector.send(ref, replyMessage(reply));
  }
}

/** The chart and report files behind expiring links (a day), when this server has a public address. */
function evaluationLinks(deps: TeamsDeps, reply: EvaluationReply): EvaluationLinks {
  const day = 24 * 60 * 60 * 1000;
  const offer = (content: string | Uint8Array, filename: string, contentType: string) => deps.links.offer({ content: typeof content === 'string' ? content : Buffer.from(content), filename, contentType, ttlMs: day });
  const chartUrl = reply.chart ? offer(reply.chart.png, 'latency.png', 'image/png') : undefined;
  const files = reply.files.flatMap((file) => {
    const url = offer(file.content, file.filename, file.mediaType);
    return url ? [{ title: file.title, url }] : [];
  });
  const unavailable = deps.links.enabled || (reply.files.length === 0 && !reply.chart) ? undefined : `The report files${reply.savedTo ? ` are in ${reply.savedTo} on the server; links to them` : ''} need PUBLIC_URL (the address Teams reaches this server at).`;
  return { chartUrl, files, unavailable };
}

/** The card for every reply but an answer and a preview. */
export function replyMessage(reply: Exclude<Reply, AnswerReply>): CardMessage {
  switch (reply.kind) {
    case 'refusal':
      return refusalCard(reply);
    case 'failure':
      return failureCard(reply);
    case 'notice':
    case 'clarification':
      return noticeCard(reply);
    case 'preview':
      return plainCard('A preview is ready.');
    case 'evaluation':
      return evaluationCard(reply, { files: [] });
  }
}

export async function postAnswer(deps: TeamsDeps, ref: ConversationRef, reply: AnswerReply, showSql: boolean): Promise<TeamsCall<{ id: string }>> {
  const parts = reply.parts ?? [{ question: reply.question, sql: reply.sql, explanation: reply.explanation, table: reply.table, hiddenColumns: reply.hiddenColumns }];
  let first: TeamsCall<{ id: string }> | undefined;
  for (const [index, part] of parts.entries()) {
    const csvUrl = leavesRowsOut(part.table) ? deps.links.offer({ content: tableToCsv(part.table), filename: `${reply.parts ? `part-${index + 1}` : 'result'}.csv`, contentType: 'text/csv; charset=utf-8' }) : undefined;
    const message = answerCard({
      table: part.table,
      title: reply.parts ? `Part ${index + 1}: ${part.question}` : undefined,
      sql: showSql || reply.parts ? part.sql : undefined,
      explanation: reply.parts ? undefined : showSql ? reply.explanation : undefined,
      hiddenColumns: part.hiddenColumns,
      rowPolicies: index === parts.length - 1 ? reply.rowPolicies : undefined,
      lane: reply.lane,
      elapsedMs: index === parts.length - 1 ? reply.elapsedMs : undefined,
      csvUrl,
      csvUnavailable: 'A CSV download needs PUBLIC_URL (the address Teams reaches this server at).',
    });
    const posted = await deps.connector.send(ref, message);
    if (index === 0) {
      first = posted;
      if (!posted.ok) return posted;
    }
    await postChart(deps, ref, part.table);
  }
  return first as TeamsCall<{ id: string }>;
}

async function postPrivateAnswer(deps: TeamsDeps, ref: ConversationRef, reply: AnswerReply, options: PostReplyOptions): Promise<TeamsCall<{ id: string }>> {
  const columns = reply.personalData.join(', ');
  const name = options.viewer.name ?? 'the person who ran it';
  const chat = await deps.connector.personalChat(ref, options.viewer.id);
  if (!chat.ok) {
    deps.logger.warn({ code: chat.code }, 'could not open a personal chat for a private answer');
    return deps.connector.send(ref, plainCard(`The answer contains personal data (${columns}), so it is not posted here, and I could not open a private chat with ${name}. Write to me directly and ask there.`));
  }
  const posted = await postAnswer(deps, chat.value, reply, true);
  const note = posted.ok
    ? `🔒 I sent the answer to ${name} in a private chat: it contains personal data (${columns}), which is not posted in shared conversations.`
    : `The answer contains personal data (${columns}), so it is not posted here, and I could not deliver it privately to ${name}. Try again in a moment.`;
  return deps.connector.send(ref, plainCard(note));
}

async function postChart(deps: TeamsDeps, ref: ConversationRef, table: TableView): Promise<void> {
  const chart = chooseChart(table);
  if (!chart) return;
  try {
    const image = await renderChart(chart, { width: 560, height: 280, scale: 1 });
    const inline = `data:image/png;base64,${image.png.toString('base64')}`;
    const url = inline.length <= maxInlineImageChars ? inline : deps.links.offer({ content: image.png, filename: 'chart.png', contentType: 'image/png', ttlMs: 24 * 60 * 60 * 1000 });
    if (!url) {
      deps.logger.info({ bytes: image.png.length }, 'chart too large to inline and no PUBLIC_URL for a link; not posted');
      return;
    }
    const title = chart.kind === 'line' ? `${chart.yLabel} over time` : `${chart.yLabel} per ${chart.xLabel}`;
    const card: AdaptiveCard = adaptiveCard([textBlock(`**${title}**`), { type: 'Image', url, altText: image.altText, msteams: { allowExpand: true } }], undefined, image.altText);
    await deps.connector.send(ref, { card, text: image.altText });
  } catch (error) {
    // A chart is a courtesy: the table is already there.
    deps.logger.warn({ err: error }, 'chart rendering failed');
  }
}

function rememberPreviewCard(deps: TeamsDeps, previewId: string, card: AdaptiveCard): void {
  if (deps.previewCards.size >= maxPreviewCards) deps.previewCards.delete(deps.previewCards.keys().next().value as string);
  deps.previewCards.set(previewId, card);
}
