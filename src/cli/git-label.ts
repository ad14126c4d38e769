import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const git = promisify(execFile);

/**
 * The working tree's commit, as `git rev-parse --short HEAD` gives it, with `-dirty` when tracked files differ from it
 * (as `git describe --dirty` marks it); null outside a git checkout or without git.
 */
export async function workingTreeLabel(folder: string = process.cwd()): Promise<string | null> {
  try {
    const commit = (await git('git', ['rev-parse', '--short', 'HEAD'], { cwd: folder, timeout: 5_000 })).stdout.trim();
    if (!/^[0-9a-f]{4,40}$/.test(commit)) return null;
    const changes = await git('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: folder, timeout: 5_000 }).then(
      (status) => status.stdout.trim(),
      () => '',
    );
    return changes === '' ? commit : `${commit}-dirty`;
  } catch {
    return null;
  }
}
