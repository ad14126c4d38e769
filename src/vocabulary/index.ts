/** The shared vocabulary: who asks, where, what they ask, and the closed set of replies. The lowest layer. */
export * from './actor.ts';
export * from './question.ts';
export * from './reply.ts';
export * from './violation.ts';
