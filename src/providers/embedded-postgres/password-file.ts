import { randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';

/** The superuser password of the embedded cluster, generated at initialisation and kept in a file only the owner can read. */

export async function createPasswordFile(file: string): Promise<string> {
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  // writeFile keeps the mode of an existing file: make sure it is 0600 in every case.
  await chmod(file, 0o600);
  return password;
}

export async function readPasswordFile(file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`The embedded PostgreSQL password file ${file} is missing. Delete the data directory next to it to create a new cluster.`, { cause: error });
    }
    throw error;
  }
}
