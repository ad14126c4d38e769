import type { Reply } from '../assistant/types.ts';
import { renderTextTable } from './text-table.ts';

/** A reply as plain text, for terminals and logs. */
export function describeReply(reply: Reply): string {
  switch (reply.kind) {
    case 'preview':
      return [
        `SQL (${reply.lane === 'fast' ? 'fast lane' : 'planner lane'}):`,
        indent(reply.sql),
        reply.explanation,
        reply.estimatedRows !== null ? `Estimated rows: ${reply.estimatedRows}` : '',
        hidden(reply.hiddenColumns),
      ].filter((line) => line !== '').join('\n');
    case 'answer':
      return [indent(reply.sql), renderTextTable(reply.table), hidden(reply.hiddenColumns), `(${reply.elapsedMs} ms)`].filter((line) => line !== '').join('\n');
    case 'refusal':
      return ['Refused:', ...reply.violations.map((violation) => `- [${violation.rule}] ${violation.message} ${violation.hint}`), reply.sql ? indent(reply.sql) : ''].filter((line) => line !== '').join('\n');
    case 'clarification':
      return reply.message;
    case 'notice':
      return reply.message;
    case 'failure':
      return [`${reply.message}`, reply.hint, reply.sql ? indent(reply.sql) : ''].filter((line) => line !== '').join('\n');
  }
}

function indent(text: string): string {
  return text.split('\n').map((line) => `    ${line}`).join('\n');
}

function hidden(columns: string[]): string {
  return columns.length > 0 ? `Hidden (you lack the entitlement): ${columns.join(', ')}` : '';
}
