import type { KnownBlock } from './blocks/block-types.ts';
import { chooseChart, renderChart, tableToCsv, type AnswerReply, type EvaluationReply, type Reply, type TableView } from '../../src/index.ts';
import { evaluationMessage } from './blocks/evaluation-blocks.ts';
import { answerMessage } from './blocks/answer-blocks.ts';
import { failureMessage, noticeMessage, refusalMessage } from './blocks/message-blocks.ts';
import { cut, escapeText, SLACK_LIMITS } from './blocks/mrkdwn.ts';
import { previewBlocks, previewFallbackText } from './blocks/preview-blocks.ts';
import type { SlackLogger } from './slack-logger.ts';
import type { MessageTarget, SlackCall, SlackPoster } from './slack-poster.ts';

/**
 * A reply into a thread: the message itself (or an update of a "Working on it…" message), then for an answer the
 * CSV file when rows were left out and a chart when the result has a time series or a category breakdown.
 */

export interface PostReplyOptions {
  /** Update this message (the slash command's "Working on it…") instead of posting a new one. */
  replaceTs?: string | undefined;
  /** For a preview: when Run stops working. */
  previewExpiresAt: number;
  /** Shown above a preview that starts its own thread. */
  askedBy?: { userId: string; question: string } | undefined;
  /** Show the SQL with the answer (no preview showed it before). */
  showSql: boolean;
  /** Who asked (or pressed Run): the one person who sees an answer meant for them alone. */
  viewerUserId?: string | undefined;
}

export interface PostedReply {
  /** The first message's ts (the thread root when the reply started a thread). */
  ts: string | undefined;
  /** Slack's error code when the first message could not be posted. */
  failedCode?: string | undefined;
}

export async function postReply(poster: SlackPoster, logger: SlackLogger, target: MessageTarget, reply: Reply, options: PostReplyOptions): Promise<PostedReply> {
  if (reply.kind === 'answer' && isPrivate(reply) && options.viewerUserId) return postPrivateAnswer(poster, target, reply, { ...options, viewerUserId: options.viewerUserId });
  if (reply.kind === 'answer') return postAnswer(poster, logger, target, reply, options);
  if (reply.kind === 'evaluation') return postEvaluation(poster, logger, target, reply, options);
  const message = replyMessage(reply, options);
  return outcome(await send(poster, target, message, options.replaceTs), options.replaceTs);
}

/** The message for every reply but an answer. */
export function replyMessage(reply: Exclude<Reply, AnswerReply>, options: Pick<PostReplyOptions, 'previewExpiresAt' | 'askedBy'>): { blocks: KnownBlock[]; text: string } {
  switch (reply.kind) {
    case 'preview':
      return { blocks: fitBlocks(previewBlocks(reply, { expiresAt: options.previewExpiresAt, askedBy: options.askedBy })), text: previewFallbackText(reply) };
    case 'refusal':
      return refusalMessage(reply);
    case 'failure':
      return failureMessage(reply);
    case 'notice':
    case 'clarification':
      return noticeMessage(reply);
    case 'evaluation':
      return evaluationMessage(reply);
  }
}

/** The scorecard, then in its thread the latency chart and the report files. */
async function postEvaluation(poster: SlackPoster, logger: SlackLogger, target: MessageTarget, reply: EvaluationReply, options: PostReplyOptions): Promise<PostedReply> {
  const message = evaluationMessage(reply);
  const posted = outcome(await send(poster, target, { blocks: fitBlocks(message.blocks), text: message.text }, options.replaceTs), options.replaceTs);
  if (posted.ts === undefined) return posted;
  const thread = { channel: target.channel, threadTs: target.threadTs ?? posted.ts };
  const uploads = [
    ...(reply.chart ? [{ content: Buffer.from(reply.chart.png), filename: 'latency.png', title: 'Question-to-answer time per lane', altText: reply.chart.altText }] : []),
    ...reply.files.map((file) => ({ content: typeof file.content === 'string' ? file.content : Buffer.from(file.content), filename: file.filename, title: file.title })),
  ];
  for (const file of uploads) {
    const uploaded = await poster.uploadFile(thread, file);
    if (!uploaded.ok) logger.warn({ code: uploaded.code, filename: file.filename }, 'could not upload an evaluation file');
  }
  return posted;
}

async function postAnswer(poster: SlackPoster, logger: SlackLogger, target: MessageTarget, reply: AnswerReply, options: PostReplyOptions): Promise<PostedReply> {
  const parts = reply.parts ?? [{ question: reply.question, sql: reply.sql, explanation: reply.explanation, table: reply.table, hiddenColumns: reply.hiddenColumns }];
  let first: PostedReply | undefined;
  let threadTs = target.threadTs;
  for (const [index, part] of parts.entries()) {
    // One table block per message: each part of a split question is its own message.
    const message = answerMessage({
      table: part.table,
      intro: index === 0 && options.askedBy ? `<@${options.askedBy.userId}> asked: *${escapeText(cut(options.askedBy.question, 500))}*` : undefined,
      title: reply.parts ? `Part ${index + 1}: ${part.question}` : undefined,
      sql: options.showSql || reply.parts ? part.sql : undefined,
      explanation: reply.parts ? undefined : options.showSql ? reply.explanation : undefined,
      hiddenColumns: part.hiddenColumns,
      rowPolicies: index === parts.length - 1 ? reply.rowPolicies : undefined,
      lane: reply.lane,
      elapsedMs: index === parts.length - 1 ? reply.elapsedMs : undefined,
    });
    const replaceTs = index === 0 ? options.replaceTs : undefined;
    const posted = outcome(await send(poster, { channel: target.channel, threadTs }, { blocks: fitBlocks(message.blocks), text: message.text }, replaceTs), replaceTs);
    if (index === 0) {
      first = posted;
      if (posted.ts === undefined) return posted;
      threadTs ??= posted.ts;
    }
    await postAttachments(poster, logger, { channel: target.channel, threadTs }, part.table, message.needsCsv, reply.parts ? `part-${index + 1}` : 'result');
  }
  return first ?? { ts: undefined };
}

/**
 * An answer holding personal data in a shared place (`audience: 'private'`): the tables go to the viewer alone, as
 * ephemeral messages (no files: Slack cannot attach files to them), and the thread gets a note without the values.
 */
async function postPrivateAnswer(poster: SlackPoster, target: MessageTarget, reply: AnswerReply, options: PostReplyOptions & { viewerUserId: string }): Promise<PostedReply> {
  const personal = reply.personalData;
  const note = `<@${options.viewerUserId}>, this answer holds personal data${personal.length > 0 ? ` (${escapeText(personal.join(', '))})` : ''}, so only you see it; nothing else is posted here.`;
  const noteMessage = { blocks: [{ type: 'section', text: { type: 'mrkdwn', text: note } } as KnownBlock], text: note.replace(/<@[^>]+>, /, '') };
  const posted = outcome(await send(poster, target, noteMessage, options.replaceTs), options.replaceTs);
  const threadTs = target.threadTs ?? posted.ts;
  const parts = reply.parts ?? [{ question: reply.question, sql: reply.sql, explanation: reply.explanation, table: reply.table, hiddenColumns: reply.hiddenColumns }];
  for (const [index, part] of parts.entries()) {
    const message = answerMessage({ table: part.table, title: reply.parts ? `Part ${index + 1}: ${part.question}` : undefined, hiddenColumns: part.hiddenColumns, rowPolicies: index === parts.length - 1 ? reply.rowPolicies : undefined, lane: reply.lane, elapsedMs: reply.elapsedMs });
    await poster.postEphemeral({ channel: target.channel, threadTs }, options.viewerUserId, { blocks: fitBlocks(message.blocks), text: message.text });
  }
  return posted;
}

/** Whether the core marked the answer for its viewer alone (personal data in a shared place). */
function isPrivate(reply: AnswerReply): boolean {
  return reply.audience === 'private';
}

async function postAttachments(poster: SlackPoster, logger: SlackLogger, target: MessageTarget, table: TableView, needsCsv: boolean, name: string): Promise<void> {
  if (needsCsv) await poster.uploadFile(target, { content: tableToCsv(table), filename: `${name}.csv`, title: `Full result (${table.rows.length} rows)` });
  const chart = chooseChart(table);
  if (!chart) return;
  try {
    const image = await renderChart(chart);
    await poster.uploadFile(target, { content: image.png, filename: `${name}-chart.png`, title: chart.kind === 'line' ? `${chart.yLabel} over time` : `${chart.yLabel} per ${chart.xLabel}`, altText: image.altText });
  } catch (error) {
    // A chart is a courtesy: the table is already there.
    logger.warn({ err: error }, 'chart rendering failed');
  }
}

async function send(poster: SlackPoster, target: MessageTarget, message: { blocks: KnownBlock[]; text: string }, replaceTs: string | undefined): Promise<SlackCall<{ ts: string } | void>> {
  return replaceTs ? poster.update(target.channel, replaceTs, message) : poster.postMessage(target, message);
}

function outcome(call: SlackCall<{ ts: string } | void>, replaceTs: string | undefined): PostedReply {
  if (!call.ok) return { ts: undefined, failedCode: call.code };
  return { ts: replaceTs ?? (call.value ? call.value.ts : undefined) };
}

/**
 * Slack's message limits, kept by cutting with a note, never by an API error: at most 50 blocks, and at most
 * 40,000 characters of text in all (sections are already cut at 3,000 each).
 */
export function fitBlocks(blocks: KnownBlock[]): KnownBlock[] {
  let fitted = blocks;
  if (fitted.length > SLACK_LIMITS.blocksPerMessage) {
    const actions = fitted.filter((block) => block.type === 'actions');
    const room = SLACK_LIMITS.blocksPerMessage - 1 - actions.length;
    const dropped = fitted.length - actions.length - room;
    fitted = [...fitted.filter((block) => block.type !== 'actions').slice(0, room), note(`${dropped} more blocks were left out to fit Slack's limits.`), ...actions];
  }
  while (JSON.stringify(fitted).length > SLACK_LIMITS.messageText && fitted.length > 2) {
    const index = fitted.findLastIndex((block) => block.type === 'section');
    if (index < 0) break;
    fitted = [...fitted.slice(0, index), note('Part of this message was left out to fit Slack\'s limits.'), ...fitted.slice(index + 1)];
  }
  return fitted;
}

function note(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}
