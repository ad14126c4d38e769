/** The only module the chat adapters import. */
export { createAssistant } from './assistant/create-assistant.ts';
export type { Assistant, AssistantConfig, CheckResult, CommandOptions, FollowUp } from './assistant/create-assistant.ts';
export * from './vocabulary/index.ts';
export { describeReply } from './render/describe-reply.ts';
export { renderTextTable } from './render/text-table.ts';
export { columnLabel, formatCell, formatMoney, formatNumber, isMoneyColumn, isNumericColumn } from './render/format-cell.ts';
export { formatSql } from './render/format-sql.ts';
export { laneName, limitNote, rowEstimate, rowPolicyNote } from './render/preview-notes.ts';
export { tableToCsv } from './render/table-csv.ts';
export { chooseChart, maxBars } from './render/choose-chart.ts';
export type { ChartChoice, ChartPoint } from './render/choose-chart.ts';
export { loadChartRenderer, renderChart } from './render/render-chart.ts';
export type { ChartImage, ChartSize } from './render/render-chart.ts';
export { rowCountLine } from './render/text-table.ts';
export type { EventClaimStore, StateStore } from './ports/state-store.ts';
