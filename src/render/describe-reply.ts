import type { Reply } from '../vocabulary/index.ts';
import { renderTextTable } from './text-table.ts';
import { rowPolicyNote } from './preview-notes.ts';

/** A reply as plain text, for terminals and logs. */
export function describeReply(reply: Reply): string {
  switch (reply.kind) {
    case 'preview':
      if (reply.parts) {
        return [
          `The question has ${reply.parts.length} parts (planner lane). ${reply.explanation}`,
          ...reply.parts.map((part, index) => [`Part ${index + 1}: ${part.question}`, indent(part.sql), part.estimatedRows !== null ? `Estimated rows: ${part.estimatedRows}` : ''].filter((line) => line !== '').join('\n')),
          hidden(reply.hiddenColumns),
          ...rowPolicyNote(reply.rowPolicies, 'preview'),
        ].filter((line) => line !== '').join('\n\n');
      }
      return [
        `SQL (${laneName(reply.lane)}):`,
        indent(reply.sql),
        reply.explanation,
        reply.estimatedRows !== null ? `Estimated rows: ${reply.estimatedRows}` : '',
        hidden(reply.hiddenColumns),
        ...rowPolicyNote(reply.rowPolicies, 'preview'),
      ].filter((line) => line !== '').join('\n');
    case 'answer':
      if (reply.parts) {
        return [
          ...reply.parts.map((part, index) => [`Part ${index + 1}: ${part.question}`, indent(part.sql), renderTextTable(part.table), hidden(part.hiddenColumns)].filter((line) => line !== '').join('\n')),
          ...rowPolicyNote(reply.rowPolicies, 'answer'),
          `(${reply.elapsedMs} ms)`,
        ].join('\n\n');
      }
      return [indent(reply.sql), renderTextTable(reply.table), hidden(reply.hiddenColumns), ...rowPolicyNote(reply.rowPolicies, 'answer'), `(${laneName(reply.lane)}, ${reply.elapsedMs} ms)`].filter((line) => line !== '').join('\n');
    case 'refusal':
      return ['Refused:', ...reply.violations.map((violation) => `- [${violation.rule}] ${violation.message} ${violation.hint}`), reply.sql ? indent(reply.sql) : ''].filter((line) => line !== '').join('\n');
    case 'clarification':
      return reply.message;
    case 'notice':
      return reply.message;
    case 'failure':
      return [`${reply.message}`, reply.hint, reply.sql ? indent(reply.sql) : ''].filter((line) => line !== '').join('\n');
    case 'evaluation':
      return [
        reply.title,
        ...reply.scorecard.map((line) => `${scoreMark(line.met)} ${line.label}: ${line.shown} (target ${line.target}, ${line.cases} cases)${line.note ? ` — ${line.note}` : ''}`),
        ...reply.details,
        reply.savedTo ? `Reports: ${reply.savedTo}` : '',
      ].filter((line) => line !== '').join('\n');
  }
}

/** Met, not met, or not measured, in words as well as a sign. */
export function scoreMark(met: boolean | null): string {
  return met === null ? '[ n/a ]' : met ? '[ met ]' : '[ NOT met ]';
}

function indent(text: string): string {
  return text.split('\n').map((line) => `    ${line}`).join('\n');
}

function hidden(columns: string[]): string {
  return columns.length > 0 ? `Hidden (you lack the entitlement): ${columns.join(', ')}` : '';
}

function laneName(lane: Reply['lane']): string {
  switch (lane) {
    case 'fast':
      return 'fast lane, no LLM';
    case 'llm':
      return 'planner lane';
    case 'sql':
      return 'pasted SQL';
    default:
      return 'no lane';
  }
}
