import { COUNTRIES, INTERNATIONAL_EMAIL_DOMAINS, type CountryProfile } from './word-lists/countries.ts';
import { NAMES } from './word-lists/people.ts';
import { createRandom, createWeightedPicker, type Random } from './random.ts';
import { drawMoment, SAMPLE_PERIOD_START_MS } from './sample-time.ts';
import { toEmailWord } from './email-local-part.ts';

/** Customers of the sample shop, numbered in sign-up order. */

export interface GeneratedCustomer {
  id: number;
  full_name: string;
  email: string;
  phone: string | null;
  street_address: string | null;
  city: string;
  country: string;
  created_at: number;
  /** How much this customer tends to order, relative to others; 0 for customers who never order. */
  orderingWeight: number;
}

export const CUSTOMER_COUNT = 5_000;

/** Sign-ups per day at the end of the period, relative to the start, minus one. */
const SIGN_UP_GROWTH = 2;
/** Share of customers who signed up during the launch campaign, the shop's first month. */
const LAUNCH_SHARE = 0.08;
const LAUNCH_END_MS = Date.UTC(2022, 1, 1);

export function generateCustomers(seed: number): GeneratedCustomer[] {
  const random = createRandom(seed ^ 0x0c057031);
  const countryPicker = createWeightedPicker(COUNTRIES.map((country) => [country, country.weight] as const));
  const cityPickers = new Map(COUNTRIES.map((country) => [country.code, createWeightedPicker(country.cities)]));
  const usedEmails = new Set<string>();

  const customers = Array.from({ length: CUSTOMER_COUNT }, (): GeneratedCustomer => {
    const country = countryPicker.pick(random);
    const names = NAMES[country.language];
    const firstName = random.pick(names.firstNames);
    const hasTwoLastNames = (country.language === 'pt' || country.language === 'es') && random.chance(0.3);
    const familyName = random.pick(names.lastNames);
    // With two last names (Portuguese, Spanish), the e-mail address uses the last one.
    const lastName = hasTwoLastNames ? `${random.pick(names.lastNames)} ${familyName}` : familyName;
    const cityPicker = cityPickers.get(country.code);
    if (cityPicker === undefined) throw new Error(`no cities for ${country.code}`);
    return {
      id: 0,
      full_name: `${firstName} ${lastName}`,
      email: uniqueEmail(random, firstName, familyName, country, usedEmails),
      phone: random.chance(0.88) ? phoneNumber(random, country.phonePattern) : null,
      street_address: random.chance(0.96) ? streetAddress(random, country) : null,
      city: cityPicker.pick(random),
      country: country.code,
      created_at: random.chance(LAUNCH_SHARE) ? drawMoment(random, 0, SAMPLE_PERIOD_START_MS, LAUNCH_END_MS) : drawMoment(random, SIGN_UP_GROWTH),
      orderingWeight: random.chance(0.15) ? 0 : Math.min(6, -Math.log(1 - random.next())) + 0.1,
    };
  });

  customers.sort((first, second) => first.created_at - second.created_at);
  customers.forEach((customer, index) => {
    customer.id = index + 1;
  });
  return customers;
}

function uniqueEmail(random: Random, firstName: string, familyName: string, country: CountryProfile, usedEmails: Set<string>): string {
  const first = toEmailWord(firstName);
  const last = toEmailWord(familyName);
  const styles = [`${first}.${last}`, `${first}${last}`, `${first}_${last}`, `${first.charAt(0)}${last}`, `${first}.${last}${random.integer(70, 99)}`, `${first}${random.integer(1, 999)}`];
  const localPart = random.pick(styles);
  const domain = random.chance(0.55) ? random.pick(INTERNATIONAL_EMAIL_DOMAINS) : random.pick(country.emailDomains);
  let email = `${localPart}@${domain}`;
  while (usedEmails.has(email)) email = `${localPart}${random.integer(2, 9999)}@${domain}`;
  usedEmails.add(email);
  return email;
}

function phoneNumber(random: Random, pattern: string): string {
  return pattern.replace(/[#N]/g, (placeholder) => String(placeholder === 'N' ? random.integer(2, 9) : random.integer(0, 9)));
}

function streetAddress(random: Random, country: CountryProfile): string {
  const street = random.pick(country.streets);
  const houseNumber = random.integer(1, 240);
  if (country.houseNumberFirst) return `${houseNumber} ${street}`;
  const separator = country.language === 'pt' || country.language === 'es' || country.language === 'it' ? ', ' : ' ';
  return `${street}${separator}${houseNumber}`;
}
