import { buildProgram } from '../src/cli/main.ts';
import { demoCommand } from './commands/demo.ts';

/**
 * The `sql-eval` process: the CLI's program, with the commands that start adapters. The top of the layers: the only
 * module that knows both which providers (through the CLI's composition) and which adapters run together.
 */
await buildProgram({
  demo: demoCommand,
  // Loaded on use: Bolt, the Teams SDK and the chart renderer take about a second to load, which other commands skip.
  serve: async (options) => (await import('./commands/serve.ts')).serveCommand(options),
}).parseAsync(process.argv);
