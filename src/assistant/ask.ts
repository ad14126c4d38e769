import { reviewValidated } from '../pipeline/review-sql.ts';
import { route } from '../pipeline/route.ts';
import { questionSchema, type AskOptions, type Question } from '../vocabulary/question.ts';
import { failure, refusal, type Reply } from '../vocabulary/reply.ts';
import { answerWithPlanner } from './answer-with-planner.ts';
import { similarVerifiedQueries, threadHistory } from './conversation-memory.ts';
import { deliver, reviewedPart } from './deliver.ts';
import type { FlowContext } from './flow-context.ts';
import { outcomeRecord } from './audit-trail.ts';

/** The ask flow: route to a lane, get SQL that passes the policy agent, then preview it or answer at once. */
export async function ask(rawQuestion: Question, options: AskOptions, context: FlowContext): Promise<Reply> {
  const parsed = questionSchema.safeParse(rawQuestion);
  const requestId = typeof rawQuestion?.requestId === 'string' ? rawQuestion.requestId : 'unknown';
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return failure(requestId, 'none', 'bad-request', `The question could not be read: ${issue?.path.join('.') || 'question'}: ${issue?.message}.`, 'Send a non-empty question of at most 2000 characters.');
  }
  const question = parsed.data;
  const subject = { requestId: question.requestId, actor: question.actor, place: question.place };
  await context.audit.note('asked', subject, { question: question.text });
  const reply = await answer(question, options, context);
  const outcome = outcomeRecord(reply);
  if (outcome) await context.audit.note(outcome.kind, subject, outcome.details);
  return reply;
}

async function answer(question: Question, options: AskOptions, context: FlowContext): Promise<Reply> {
  const { config } = context;
  const access = await context.accessOf(question.actor);
  const progress = options.onProgress ?? (() => {});
  progress('routing');
  const lane = await route(question.text, {
    forcedLane: config.lane ?? 'auto',
    fastLane: config.fastLane ?? null,
    verifiedQueries: config.verifiedQueries ?? null,
    hasLanguageModel: config.languageModel !== null,
    today: config.today,
    suggestions: config.suggestions ?? [],
    howToConfigure: context.setup.howToConfigure,
  });
  if (lane.kind === 'unavailable') {
    progress('failed');
    return failure(question.requestId, 'none', lane.code, lane.message, lane.hint);
  }
  if (lane.kind === 'fast') {
    progress('validating');
    const verdict = await context.review(lane.sql, access);
    if (verdict.verdict === 'unavailable') {
      progress('failed');
      return context.unavailableReply(question.requestId, 'fast', verdict.error, lane.sql);
    }
    if (verdict.verdict === 'block') {
      progress('refused');
      return refusal(question.requestId, 'fast', lane.sql, verdict.violations);
    }
    const parts = [reviewedPart(question.text, lane.explanation, verdict)];
    const reply = await deliver(question, 'fast', parts, lane.explanation, progress, context);
    return { ...reply, trace: { promptTokens: 0, completionTokens: 0, attempts: 1, firstAttemptValid: true } };
  }

  const languageModel = config.languageModel;
  if (!languageModel) throw new Error('route chose the planner lane without a language model');
  progress('planning');
  const planned = await answerWithPlanner(question.text, question.requestId, {
    catalog: config.catalog,
    languageModel: context.plannerModel(languageModel, question.actor, question.place),
    setup: context.setup,
    limits: context.limits,
    entitlements: access.entitlements,
    today: config.today,
    history: await threadHistory(context.state, question.place),
    examples: await similarVerifiedQueries(context.state, config.datasource.name, question.text),
    review: (valid) => reviewValidated(valid, access, context.reviewContext),
  });
  if (planned.kind === 'unavailable') {
    progress('failed');
    return { ...context.unavailableReply(question.requestId, 'llm', planned.error, null), trace: planned.trace };
  }
  if (planned.kind === 'reply') {
    progress(planned.reply.kind === 'refusal' ? 'refused' : planned.reply.kind === 'clarification' ? 'finished' : 'failed');
    return planned.reply;
  }
  const reply = await deliver(question, 'llm', planned.parts, planned.explanation, progress, context);
  return { ...reply, trace: planned.trace };
}
