import { describe, expect, it } from 'vitest';
import { normalisePhone } from './shop/phone';

describe('phone numbers as shoppers type them', () => {
  it.each([
    ['0712 345 678', 'KE', '+254712345678'],
    ['712345678', 'KE', '+254712345678'],
    ['+254 712-345-678', 'KE', '+254712345678'],
    ['00254712345678', 'KE', '+254712345678'],
    ['0803 123 4567', 'NG', '+2348031234567'],
    ['07 12 34 56 78', 'CI', '+2250712345678'],
    ['0101 234 5678', 'EG', '+201012345678'],
    ['+233241234567', 'KE', '+233241234567'],
  ] as const)('reads %s in %s as %s', (input, country, e164) => {
    expect(normalisePhone(input, country)).toEqual({ ok: true, e164 });
  });

  it.each([
    ['0712 345', 'KE'],
    ['+254 712 345 67', 'KE'],
    ['call me', 'NG'],
    ['', 'GH'],
    ['712345678', 'CI'],
  ] as const)('refuses %s in %s, saying what to type', (input, country) => {
    const result = normalisePhone(input, country);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.example).toMatch(/^0/);
  });
});
