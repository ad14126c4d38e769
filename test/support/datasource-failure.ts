import { expect } from 'vitest';
import { DatasourceError } from '../../src/ports/datasource.ts';

/** Awaits a promise that must reject with a DatasourceError, and returns that error. */
export async function datasourceFailure(promise: Promise<unknown>): Promise<DatasourceError> {
  const error = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(DatasourceError);
  return error as DatasourceError;
}
