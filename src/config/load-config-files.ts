import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultEvaluationSettings, evaluationSettingsSchema, type EvaluationSettings } from './evaluation.ts';
import { emptyEntitlements, entitlementsFileSchema, type EntitlementsFile } from './entitlements.ts';
import { loadYamlFile } from './load-yaml-file.ts';
import { defaultPolicies, policiesSchema, type Policies } from './policies.ts';
import { defaultTenants, tenantsFileSchema, type TenantsFile } from './tenants.ts';

/**
 * The optional config files of a config folder: an explicit file must exist; a file in the folder is used when
 * present, and the defaults apply when it is not.
 */

export async function loadPolicies(explicitFile: string | undefined, folder: string): Promise<Policies> {
  if (explicitFile) return loadYamlFile(explicitFile, policiesSchema);
  const path = join(folder, 'policies.yaml');
  return existsSync(path) ? loadYamlFile(path, policiesSchema) : defaultPolicies;
}

export async function loadEntitlements(folder: string): Promise<EntitlementsFile> {
  const path = join(folder, 'entitlements.yaml');
  return existsSync(path) ? loadYamlFile(path, entitlementsFileSchema) : emptyEntitlements;
}

export async function loadTenants(folder: string): Promise<TenantsFile> {
  const path = join(folder, 'tenants.yaml');
  return existsSync(path) ? loadYamlFile(path, tenantsFileSchema) : defaultTenants;
}

export async function loadEvaluationSettings(folder: string): Promise<EvaluationSettings> {
  const path = join(folder, 'evaluation.yaml');
  return existsSync(path) ? loadYamlFile(path, evaluationSettingsSchema) : defaultEvaluationSettings;
}
