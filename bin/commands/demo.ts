import { runConsoleChat } from '../../adapters/console/run-console-chat.ts';
import type { DemoOptions } from '../../src/cli/chat-surfaces.ts';
import { cliIdentity } from '../../src/cli/identity-options.ts';
import { createEvaluationJobs } from '../../src/compose/evaluation-jobs.ts';
import type { EvalRunStore } from '../../src/ports/eval-run-store.ts';
import { createLogger } from '../../src/compose/logger.ts';
import { conversationRuntime, openRuntime } from '../../src/compose/open-runtime.ts';
import { printText } from '../../src/cli/print.ts';

/** `sql-eval demo`: a terminal chat over the embedded sample database (no Slack, no API key needed). */
export async function demoCommand(options: DemoOptions): Promise<number> {
  printText('Starting the embedded PostgreSQL with the sample shop (the first start creates it; this takes a few seconds)…');
  const evaluations = ({ history }: { history: EvalRunStore }) => createEvaluationJobs({ runtime: options, environment: process.env, logger: createLogger(process.env), history });
  const runtime = await openRuntime(options, process.env, { ...conversationRuntime, evaluations });
  const stop = async () => {
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const tables = runtime.catalog.tables.map((table) => table.name).join(', ');
    const greeting = [
      `sql-eval demo: ${runtime.description}.`,
      `Tables: ${tables}.`,
      `Ask a question, for example: ${runtime.suggestions.slice(0, 3).map((text) => `"${text}"`).join(', ') || '"How many orders were placed in 2024?"'}`,
      runtime.languageModel
        ? 'Simple lookups are answered by the fast lane (no LLM); the rest are planned by the language model and shown before they run.'
        : 'Without a language model only the fast lane answers (simple lookups); set OPENAI_API_KEY (and OPENAI_BASE_URL for another OpenAI-compatible server) for the rest.',
      'Type /help for commands, exit to leave.',
    ].join('\n');
    await runConsoleChat({
      assistant: runtime.assistant,
      input: process.stdin,
      output: process.stdout,
      greeting,
      ...cliIdentity(options, 'console'),
      autoConfirm: options.yes,
    });
    return 0;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await runtime.close();
  }
}
