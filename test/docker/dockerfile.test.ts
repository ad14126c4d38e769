import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * No Docker engine runs where the tests run, so the image's invariants are checked on the Dockerfile itself:
 * multi-stage, a pinned Node 20 base, frozen-lockfile production install, fonts, a non-root user, a health check on
 * /healthz, `sql-eval serve` by default, nothing secret added; and .dockerignore keeps state, node_modules and .env out.
 */

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

interface Instruction {
  keyword: string;
  argument: string;
}

/** Instructions in order: comments dropped, continuation lines joined, global ARG defaults substituted. */
function parseDockerfile(text: string): { stages: Instruction[][]; instructions: Instruction[] } {
  const logical: string[] = [];
  let pending = '';
  for (const line of text.split('\n')) {
    if (/^\s*#/.test(line)) continue;
    const continued = /\\\s*$/.test(line);
    pending += `${continued ? line.replace(/\\\s*$/, '') : line} `;
    if (!continued) {
      if (pending.trim() !== '') logical.push(pending.trim());
      pending = '';
    }
  }
  const globalArguments = new Map<string, string>();
  const instructions: Instruction[] = [];
  const stages: Instruction[][] = [];
  for (const line of logical) {
    const [, keyword = '', argument = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), argument: argument.replace(/\$\{(\w+)\}/g, (whole, name: string) => globalArguments.get(name) ?? whole) };
    if (instruction.keyword === 'ARG' && stages.length === 0) {
      const [name = '', value = ''] = instruction.argument.split('=');
      globalArguments.set(name.trim(), value.trim());
    }
    if (instruction.keyword === 'FROM') stages.push([]);
    stages.at(-1)?.push(instruction);
    instructions.push(instruction);
  }
  return { stages, instructions };
}

const { stages, instructions } = parseDockerfile(read('Dockerfile'));
const finalStage = stages.at(-1) ?? [];
const of = (keyword: string, list: Instruction[] = instructions) => list.filter((instruction) => instruction.keyword === keyword);
const execForm = (argument: string): string[] => JSON.parse(argument) as string[];

describe('Dockerfile', () => {
  it('is multi-stage, every stage on an exactly pinned Node 20 image', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const stageNames = new Set<string>();
    for (const from of of('FROM')) {
      const [image = '', , name] = from.argument.split(/\s+/);
      // A later stage may start from an earlier one; anything else is node:20.x.y[-variant], optionally @sha256:…
      // (never `latest`, `20` or `lts`).
      if (!stageNames.has(image)) expect(image, `FROM ${from.argument}`).toMatch(/^node:20\.\d+\.\d+(-[a-z]+)*(@sha256:[0-9a-f]{64})?$/);
      if (name) stageNames.add(name);
    }
  });

  it('installs production dependencies from the lockfile, with a pinned pnpm, and fonts for charts', () => {
    const runs = of('RUN').map((run) => run.argument);
    const installs = runs.filter((run) => /\bpnpm\s+(install|i)\b/.test(run));
    expect(installs.length).toBeGreaterThan(0);
    for (const install of installs) {
      expect(install).toContain('--frozen-lockfile');
      expect(install).toContain('--prod');
    }
    expect(runs.join('\n')).not.toMatch(/\bnpm\s+(install|i)\b(?!\s+--global\s+pnpm@\d+\.\d+\.\d+)/);
    expect(runs.join('\n')).toMatch(/npm install --global pnpm@\d+\.\d+\.\d+/);
    expect(of('RUN', finalStage).map((run) => run.argument).join('\n')).toContain('fonts-dejavu-core');
  });

  it('runs as a non-root user, checks /healthz, and starts `sql-eval serve`', () => {
    const users = of('USER', finalStage);
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)?.argument).not.toMatch(/^(root|0)(:|$)/);
    const healthchecks = of('HEALTHCHECK', finalStage);
    expect(healthchecks).toHaveLength(1);
    expect(healthchecks[0]?.argument).toContain('/healthz');
    const entrypoint = execForm(of('ENTRYPOINT', finalStage).at(-1)?.argument ?? '[]');
    const command = execForm(of('CMD', finalStage).at(-1)?.argument ?? '[]');
    expect([...entrypoint, ...command]).toEqual(['node', '/app/bin/sql-eval.js', 'serve']);
    expect(of('EXPOSE', finalStage).map((expose) => expose.argument)).toContain('3000');
  });

  it('adds no secret: no ADD, no .env or key files copied, no credential in ENV or ARG', () => {
    expect(of('ADD')).toEqual([]);
    for (const copy of of('COPY')) expect(copy.argument).not.toMatch(/\.env|\.pem|\.key|\.sql-eval|secret|credential/i);
    for (const setting of [...of('ENV'), ...of('ARG')]) expect(setting.argument).not.toMatch(/(PASSWORD|SECRET|TOKEN|API_KEY|DATABASE_URL)\w*\s*=/i);
  });

  it('copies only files that exist and that .dockerignore lets through', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    for (const copy of of('COPY').filter((instruction) => !instruction.argument.includes('--from='))) {
      const sources = copy.argument.split(/\s+/).filter((part) => !part.startsWith('--')).slice(0, -1);
      for (const source of sources) {
        expect(existsSync(path.join(root, source)), `COPY ${source}`).toBe(true);
        expect(ignored, `COPY ${source} is excluded by .dockerignore`).not.toContain(source);
      }
    }
  });
});

describe('.dockerignore and the lockfile', () => {
  it('keeps local state, installed dependencies and .env files out of the build context', () => {
    const ignored = read('.dockerignore').split('\n').map((line) => line.trim());
    for (const entry of ['.sql-eval', 'node_modules', '.env', '.env.*', '.git']) expect(ignored).toContain(entry);
  });

  it('installs with --frozen-lockfile in CI, and allows dependency build scripts only for named packages', () => {
    expect(existsSync(path.join(root, 'pnpm-lock.yaml'))).toBe(true);
    const ci = read('.ci/run');
    for (const install of ci.match(/pnpm install[^\n]*/g) ?? []) expect(install).toContain('--frozen-lockfile');
    const manifest = JSON.parse(read('package.json')) as { pnpm?: { onlyBuiltDependencies?: string[]; dangerouslyAllowAllBuilds?: boolean } };
    expect(manifest.pnpm?.onlyBuiltDependencies?.length).toBeGreaterThan(0);
    expect(manifest.pnpm?.dangerouslyAllowAllBuilds).not.toBe(true);
  });
});
