import { actorKey, type Actor, type Place } from '../vocabulary/actor.ts';
import { notice, type Reply } from '../vocabulary/reply.ts';
import type { FollowUp } from './assistant.ts';
import type { FlowContext } from './flow-context.ts';

/**
 * The `eval [suite]` command: admins start an evaluation run that goes on in the background (other questions are
 * answered meanwhile); its progress updates one message, and the scorecard with the reports comes in its thread.
 */

/** Progress is reported at most this often, and always for the last case. */
const progressEveryMs = 3000;

export async function evaluate(suite: string | undefined, actor: Actor, place: Place, followUp: FollowUp | undefined, requestId: string, context: FlowContext): Promise<Reply> {
  if (!context.isAdmin(actor)) return notice(requestId, 'none', 'Only admins (configs/entitlements.yaml: admins) can run evaluations.');
  const jobs = context.config.evaluations;
  if (!jobs) return notice(requestId, 'none', 'Evaluations are not run from this surface: use `sql-eval eval --suite eval/golden` on the command line.');
  if (!followUp) return notice(requestId, 'none', 'This surface cannot post a result later, so evaluations do not run from here: use `sql-eval eval --suite eval/golden` on the command line.');
  const who = actor.displayName ?? actorKey(actor);
  let lastReport = 0;
  let name = suite ?? 'the default suite';
  const report = (message: string) =>
    followUp.progress(message).catch((error: unknown) => context.config.onUnexpectedError?.(error, requestId));
  const started = await jobs.start({
    suite,
    actor,
    place,
    progress: (done, total) => {
      const now = context.now();
      if (done < total && now - lastReport < progressEveryMs) return;
      lastReport = now;
      void report(`Evaluating ${name} for ${who}: ${done}/${total} cases${done === total ? ', writing the report…' : '…'}`);
    },
    done: async (reply) => {
      const outcome = reply.kind === 'evaluation' ? 'finished: the scorecard is in the thread.' : 'stopped: the reason is in the thread.';
      await report(`Evaluation of ${name} for ${who} ${outcome}`);
      await followUp.deliver(reply).catch((error: unknown) => context.config.onUnexpectedError?.(error, requestId));
    },
  });
  if (!started.ok) return notice(requestId, 'none', started.message);
  name = started.suite;
  lastReport = context.now();
  await report(`Evaluating ${name} for ${who}: 0/${started.cases} cases…`);
  return notice(requestId, 'none', `Started an evaluation of ${name} (${started.cases} cases) in the background. Questions are answered as usual meanwhile; the scorecard and the reports follow the progress message when it is done.`);
}
