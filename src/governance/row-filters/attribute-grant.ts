import { attributeNamePattern } from '../../config/entitlements.ts';

/**
 * An attribute given in chat: `grant @ana attribute:region=EMEA` keeps `attribute:region=EMEA` as the grant's
 * entitlement, adding EMEA to Ana's values of `region` (bound into row filters as a literal, like the file's).
 */

const attributeGrantPattern = /^attribute:([^=\s]+)=(\S+)$/;

export function parseAttributeGrant(entitlement: string): { name: string; value: string } | undefined {
  const match = attributeGrantPattern.exec(entitlement);
  if (!match || !attributeNamePattern.test(match[1] as string)) return undefined;
  return { name: match[1] as string, value: match[2] as string };
}
