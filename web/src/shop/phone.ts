import type { ShopCountry } from '../components/countries';

/**
 * Each country's calling code, the digits of a national number after the trunk `0`, and whether
 * that `0` is part of the number (Côte d'Ivoire's 10-digit plan since 2021 keeps it).
 */
const PLANS: Record<ShopCountry, { code: string; digits: number; keepsZero?: true; example: string }> = {
  NG: { code: '234', digits: 10, example: '0803 123 4567' },
  KE: { code: '254', digits: 9, example: '0712 345 678' },
  GH: { code: '233', digits: 9, example: '024 123 4567' },
  CI: { code: '225', digits: 10, keepsZero: true, example: '07 12 34 56 78' },
  ZA: { code: '27', digits: 9, example: '082 123 4567' },
  EG: { code: '20', digits: 10, example: '0101 234 5678' },
  UG: { code: '256', digits: 9, example: '0772 123 456' },
  RW: { code: '250', digits: 9, example: '0788 123 456' },
  TZ: { code: '255', digits: 9, example: '0712 345 678' },
};

export type PhoneResult = { ok: true; e164: string } | { ok: false; example: string; code: string };

/** How a number is written in this country, for a form's hint: "0712 345 678 or +254712345678". */
export function phoneExample(country: ShopCountry): { national: string; code: string } {
  return { national: PLANS[country].example, code: `+${PLANS[country].code}` };
}

/**
 * A phone number as people type it (`0712 345 678`, `712345678`, `+254 712-345-678`,
 * `00254712345678`) in E.164 for the chosen country; a number with its own `+` code keeps it.
 */
export function normalisePhone(input: string, country: ShopCountry): PhoneResult {
  const plan = PLANS[country];
  const refused: PhoneResult = { ok: false, example: plan.example, code: `+${plan.code}` };
  const compact = input.trim().replace(/[\s().-]/g, '');
  if (!/^(\+|00)?\d{6,15}$/.test(compact)) return refused;
  if (compact.startsWith('+') || compact.startsWith('00')) {
    const e164 = `+${compact.replace(/^(\+|00)/, '')}`;
    // A number given with this country's code must fit its plan; another country's is taken as written.
    if (e164.startsWith(`+${plan.code}`) && e164.length - 1 - plan.code.length !== plan.digits) return refused;
    return /^\+[1-9]\d{7,14}$/.test(e164) ? { ok: true, e164 } : refused;
  }
  const national = plan.keepsZero ? compact : compact.replace(/^0/, '');
  if (national.length !== plan.digits) return refused;
  return { ok: true, e164: `+${plan.code}${national}` };
}
