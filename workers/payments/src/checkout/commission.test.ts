import { describe, expect, it } from 'vitest';
import { type CommissionRule, commissionFor } from './commission';

const MINIMUMS = { KES: 1000, NGN: 10_000, XOF: 100, UGX: 1000 };
const rules = new Map<string, CommissionRule>([
  ['*', { categoryId: '*', rateBps: 1000, minimums: MINIMUMS }],
  ['cat_phones', { categoryId: 'cat_phones', rateBps: 500, minimums: MINIMUMS }],
  ['cat_shoes', { categoryId: 'cat_shoes', rateBps: 1500, minimums: { KES: 2000 } }],
  ['cat_odd', { categoryId: 'cat_odd', rateBps: 333, minimums: {} }],
]);

describe('commissionFor', () => {
  it('takes each line at its category rate and falls back to the * rule', () => {
    // 5% of 100,000 + 10% of 50,000 (no rule of its own)
    expect(
      commissionFor(
        [
          { categoryId: 'cat_phones', amount: 100_000 },
          { categoryId: 'cat_unknown', amount: 50_000 },
        ],
        'KES',
        rules,
      ),
    ).toBe(10_000);
  });

  it('rounds half up once over the whole vendor order, never per line', () => {
    // 3.33% of 150 = 4.995 → 5; of 15 = 0.4995 → 0; per-line rounding of three 50s would give 2+2+2 = 6
    expect(
      commissionFor([{ categoryId: 'cat_odd', amount: 150 }], 'KES', new Map([['*', rules.get('cat_odd') as CommissionRule]])),
    ).toBe(5);
    expect(
      commissionFor(
        [
          { categoryId: 'cat_odd', amount: 50 },
          { categoryId: 'cat_odd', amount: 50 },
          { categoryId: 'cat_odd', amount: 50 },
        ],
        'KES',
        new Map([['*', { ...(rules.get('cat_odd') as CommissionRule), categoryId: '*' }]]),
      ),
    ).toBe(5);
    // exactly half: 10% of 15 = 1.5 → 2; 10% of 25 with 5% = 1.25 → 1
    const noMin = new Map<string, CommissionRule>([['*', { categoryId: '*', rateBps: 1000, minimums: {} }]]);
    expect(commissionFor([{ categoryId: 'x', amount: 15 }], 'KES', noMin)).toBe(2);
    expect(commissionFor([{ categoryId: 'x', amount: 14 }], 'KES', noMin)).toBe(1);
  });

  it('charges at least the minimum of the currency, the largest among the rules that applied', () => {
    expect(commissionFor([{ categoryId: 'cat_phones', amount: 5_000 }], 'KES', rules)).toBe(1_000);
    expect(
      commissionFor(
        [
          { categoryId: 'cat_phones', amount: 5_000 },
          { categoryId: 'cat_shoes', amount: 1_000 },
        ],
        'KES',
        rules,
      ),
    ).toBe(2_000);
    expect(commissionFor([{ categoryId: 'cat_phones', amount: 50_000 }], 'NGN', rules)).toBe(10_000);
  });

  it('uses whole units for currencies without a minor unit (XOF, UGX)', () => {
    // 10% of XOF 2,500 = 250; minimum XOF 100
    expect(commissionFor([{ categoryId: 'x', amount: 2_500 }], 'XOF', rules)).toBe(250);
    expect(commissionFor([{ categoryId: 'x', amount: 700 }], 'XOF', rules)).toBe(100);
    // 5% of UGX 30,005 = 1,500.25 → 1,500
    expect(commissionFor([{ categoryId: 'cat_phones', amount: 30_005 }], 'UGX', rules)).toBe(1_500);
  });

  it('never takes more than the vendor order itself', () => {
    expect(commissionFor([{ categoryId: 'cat_phones', amount: 600 }], 'KES', rules)).toBe(600);
    expect(
      commissionFor(
        [
          { categoryId: 'x', amount: 0 },
          { categoryId: 'x', amount: 40 },
        ],
        'XOF',
        rules,
      ),
    ).toBe(40);
  });

  it('stays exact for amounts far beyond 2^53 / 10,000', () => {
    const big = 9_000_000_000_000_000 - 1; // below MAX_SAFE_INTEGER
    expect(commissionFor([{ categoryId: 'x', amount: big }], 'KES', rules)).toBe(900_000_000_000_000);
  });
});
