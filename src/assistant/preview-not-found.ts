import { failure, type FailureReply } from '../vocabulary/reply.ts';

export function previewNotFound(previewId: string): FailureReply {
  return failure(previewId, 'none', 'preview-not-found', 'This preview has already been run, cancelled, or has expired.', 'Ask the question again to get a fresh preview.');
}
