/** The HTML report's style sheet, inlined in the page: system fonts only, nothing to fetch; readable when printed. */
export const reportStyle = `
:root { color-scheme: light; --ok: #116329; --ok-bg: #dafbe1; --bad: #a40e26; --bad-bg: #ffebe9; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1240px; padding: 24px; color: #1f2328; background: #fff; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif; }
h1 { margin: 0 0 4px; font-size: 24px; }
h2 { margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); font-size: 19px; }
h3 { margin: 0 0 4px; font-size: 16px; overflow-wrap: anywhere; }
h4 { margin: 10px 0 4px; font-size: 13px; color: var(--muted); }
.meta { margin: 0 0 8px; color: var(--muted); }
table { border-collapse: collapse; margin: 6px 0 16px; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border: 1px solid var(--line); padding: 4px 10px; text-align: right; vertical-align: top; font-variant-numeric: tabular-nums; }
thead th { background: var(--soft); text-align: center; }
th[scope="row"], td.text, th.text { text-align: left; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-weight: 600; white-space: nowrap; }
tr.met .badge { color: var(--ok); background: var(--ok-bg); }
tr.not-met .badge { color: var(--bad); background: var(--bad-bg); }
tr.no-cases .badge { color: var(--muted); background: var(--soft); }
tr.not-met [data-metric] { color: var(--bad); font-weight: 600; }
figure { margin: 8px 0 12px; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 12px; }
details { margin-bottom: 12px; }
summary { cursor: pointer; color: var(--muted); }
dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 2px 12px; margin: 6px 0; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
pre { margin: 0; padding: 8px 10px; background: var(--soft); border: 1px solid var(--line); border-radius: 4px; white-space: pre-wrap; overflow-wrap: anywhere; font: 12px/1.45 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
.side-by-side { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; align-items: start; }
.side-by-side > div { min-width: 0; overflow-x: auto; }
article.case { margin: 14px 0; padding: 10px 16px 12px; border: 1px solid var(--line); border-left: 4px solid var(--bad); border-radius: 4px; break-inside: avoid; }
table.rows { margin: 0; font-size: 12px; }
table.rows td.mark { color: var(--muted); white-space: nowrap; }
table.rows tr.differs td { background: #fff8c5; }
table.rows tr.differs td.mark { color: var(--bad); font-weight: 700; }
@media print { body { padding: 0; } details { display: none; } }
`;
