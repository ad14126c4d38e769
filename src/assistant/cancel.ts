import type { Actor } from '../vocabulary/actor.ts';
import { failure, notice, type Reply } from '../vocabulary/reply.ts';
import type { FlowContext } from './flow-context.ts';
import { previewNotFound } from './preview-not-found.ts';

/**
 * The cancel flow. In a shared thread anyone sees the Cancel button, so only the person who asked (or an admin) may
 * drop a preview; anyone else is told so, and the preview stays for the asker.
 */
export async function cancel(previewId: string, actor: Actor, context: FlowContext): Promise<Reply> {
  const pending = await context.state.peekPreview(previewId);
  if (!pending) return previewNotFound(previewId);
  if (!isSameActor(pending.actor, actor) && !context.isAdmin(actor)) {
    const asker = pending.actor.displayName ?? pending.actor.userId;
    return failure(pending.requestId, pending.lane, 'not-allowed', `Only ${asker}, who asked, or an admin can cancel this preview.`, 'The preview is still waiting for them; ask your own question to get a preview of your own.');
  }
  const preview = await context.state.takePreview(previewId);
  if (!preview) return previewNotFound(previewId);
  await context.audit.note('cancelled', { requestId: preview.requestId, actor, place: preview.place }, { lane: preview.lane, sql: preview.sql });
  return notice(preview.requestId, preview.lane, 'Cancelled: the query was not run.');
}

function isSameActor(left: Actor, right: Actor): boolean {
  return left.platform === right.platform && left.workspaceId === right.workspaceId && left.userId === right.userId;
}
