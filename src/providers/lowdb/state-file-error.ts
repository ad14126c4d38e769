import { StateStoreError, type StateStoreErrorCode } from '../../ports/state-store.ts';

/** The lowdb state file cannot be used: says which file, what is wrong with it, and what to do. */
export class StateFileError extends StateStoreError {
  override readonly name: string = 'StateFileError';
  constructor(
    readonly file: string,
    message: string,
    options?: { cause?: unknown; code?: StateStoreErrorCode },
  ) {
    super(options?.code ?? 'unreadable', message, options);
  }
}

/** What a person can do about a state file that cannot be read. */
export function stateFileAdvice(file: string): string {
  return (
    `It holds sql-eval's pending previews, thread memory, verified queries and handled chat events. ` +
    `Restore it from a backup, or move it aside (for example \`mv ${file} ${file}.broken\`) to start with empty state, ` +
    `then start sql-eval again; set SQL_EVAL_HOME to keep the state somewhere else.`
  );
}
