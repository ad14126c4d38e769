/**
 * Common English names of countries by ISO 3166-1 alpha-2 code, so "Portugal" finds `country = 'PT'` in a column
 * that stores codes. Only used for columns whose indexed values are (almost all) such codes.
 */
export const COUNTRY_NAMES: Readonly<Record<string, readonly string[]>> = {
  AR: ['Argentina'], AT: ['Austria'], AU: ['Australia'], BE: ['Belgium'], BG: ['Bulgaria'], BR: ['Brazil'],
  CA: ['Canada'], CH: ['Switzerland'], CL: ['Chile'], CN: ['China'], CO: ['Colombia'], CY: ['Cyprus'],
  CZ: ['Czechia', 'Czech Republic'], DE: ['Germany'], DK: ['Denmark'], EE: ['Estonia'], EG: ['Egypt'],
  ES: ['Spain'], FI: ['Finland'], FR: ['France'], GB: ['United Kingdom', 'UK', 'Great Britain', 'Britain'],
  GR: ['Greece'], HK: ['Hong Kong'], HR: ['Croatia'], HU: ['Hungary'], ID: ['Indonesia'], IE: ['Ireland'],
  IL: ['Israel'], IN: ['India'], IS: ['Iceland'], IT: ['Italy'], JP: ['Japan'], KE: ['Kenya'],
  KR: ['South Korea'], LT: ['Lithuania'], LU: ['Luxembourg'], LV: ['Latvia'], MA: ['Morocco'], MT: ['Malta'],
  MX: ['Mexico'], MY: ['Malaysia'], NG: ['Nigeria'], NL: ['Netherlands', 'The Netherlands', 'Holland'],
  NO: ['Norway'], NZ: ['New Zealand'], PE: ['Peru'], PH: ['Philippines'], PK: ['Pakistan'], PL: ['Poland'],
  PT: ['Portugal'], RO: ['Romania'], RS: ['Serbia'], RU: ['Russia'], SA: ['Saudi Arabia'], SE: ['Sweden'],
  SG: ['Singapore'], SI: ['Slovenia'], SK: ['Slovakia'], TH: ['Thailand'], TR: ['Turkey', 'Türkiye'],
  TW: ['Taiwan'], UA: ['Ukraine'], US: ['United States', 'United States of America', 'USA'], VN: ['Vietnam'],
  ZA: ['South Africa'], AE: ['United Arab Emirates', 'UAE'],
};

/** True when a column's values look like ISO country codes: nearly all are codes this table knows. */
export function looksLikeCountryCodes(values: readonly string[]): boolean {
  if (values.length === 0) return false;
  const codes = values.filter((value) => /^[A-Z]{2}$/.test(value) && COUNTRY_NAMES[value] !== undefined);
  return codes.length >= Math.max(2, Math.ceil(values.length * 0.8));
}
