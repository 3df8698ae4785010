import { describe, expect, it } from 'vitest';
import { formatMoney, fromMajor, priceBands } from './index';

describe('money', () => {
  it('treats XOF as a currency without minor units', () => {
    expect(fromMajor(1500, 'XOF')).toBe(1500);
    expect(fromMajor(1500, 'KES')).toBe(150000);
    expect(formatMoney(1500, 'XOF')).toMatch(/1\s?500/);
    expect(formatMoney(1500, 'XOF')).not.toMatch(/[.,]00/);
  });

  it('formats two-decimal currencies from minor units', () => {
    expect(formatMoney(123456, 'KES')).toMatch(/1,234\.56/);
    expect(formatMoney(99, 'NGN')).toMatch(/0\.99/);
  });

  it('makes contiguous, open-ended price bands in minor units', () => {
    const bands = priceBands('NGN');
    expect(bands[0]).toEqual({ min: 0, max: 750000 });
    expect(bands.at(-1)?.max).toBeNull();
    for (let i = 1; i < bands.length; i++) expect(bands[i].min).toBe(bands[i - 1].max);
  });
});
