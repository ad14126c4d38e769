import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/catalog/build-catalog.ts';
import { ConfigError } from '../../src/config/config-error.ts';
import { datasourcesFileSchema } from '../../src/config/datasources.ts';
import { loadYamlFile, parseYamlText } from '../../src/config/load-yaml-file.ts';
import { policiesSchema } from '../../src/config/policies.ts';
import { semanticModelSchema } from '../../src/config/semantic-model.ts';

describe('config files', () => {
  it('the shipped configs parse', async () => {
    await expect(loadYamlFile('configs/policies.yaml', policiesSchema)).resolves.toMatchObject({ limits: { maxRows: 1000 } });
    await expect(loadYamlFile('configs/datasources.yaml', datasourcesFileSchema)).resolves.toMatchObject({ default: 'sample' });
    await expect(loadYamlFile('configs/semantic/sample.yaml', semanticModelSchema)).resolves.toBeTruthy();
  });

  it('names the file and the key to fix', () => {
    expect(() => parseYamlText('limits: { maxRows: -1 }', 'policies.yaml', policiesSchema)).toThrow(/policies\.yaml: limits\.maxRows/);
    expect(() => parseYamlText('limits: { maxRowz: 5 }', 'policies.yaml', policiesSchema)).toThrow(/maxRowz/);
    expect(() => parseYamlText('default: x\ndatasources: {}', 'datasources.yaml', datasourcesFileSchema)).toThrow(/default must name one of the datasources/);
  });

  it('reports broken YAML and missing files readably', async () => {
    expect(() => parseYamlText('limits: [', 'policies.yaml', policiesSchema)).toThrow(ConfigError);
    await expect(loadYamlFile('configs/nope.yaml', policiesSchema)).rejects.toThrow(/configs\/nope\.yaml: the file does not exist/);
  });

  it('refuses a semantic model that names a column the database lacks, so a PII tag cannot fail open', () => {
    const semantic = semanticModelSchema.parse({ tables: { customers: { columns: { emial: { pii: true } } }, ghosts: {} } });
    const snapshot = {
      serverVersion: 150000,
      tables: [{ schema: 'public', name: 'customers', kind: 'table' as const, comment: null, rowEstimate: 10, columns: [{ name: 'email', dataType: 'text', nullable: false, comment: null }], primaryKey: [], foreignKeys: [], viewDefinition: null }],
    };
    const build = () => buildCatalog({ datasource: 'd', snapshot, semantic, semanticSource: 's.yaml', searchPath: ['public'], largeTableRows: 10_000 });
    expect(build).toThrow(/tables\.customers\.columns\.emial/);
    expect(build).toThrow(/tables\.ghosts/);
  });
});
