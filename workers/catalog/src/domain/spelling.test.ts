import { describe, expect, it } from 'vitest';
import { closestWord, editDistance } from './spelling';

describe('spelling correction', () => {
  const known = new Map([
    ['phone', 40],
    ['phones', 12],
    ['samsung', 30],
    ['charger', 9],
    ['shoes', 20],
    ['shea', 5],
  ]);

  it('measures edits, stopping past the budget', () => {
    expect(editDistance('phne', 'phone', 2)).toBe(1);
    expect(editDistance('samsng', 'samsung', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 2)).toBe(3);
    expect(editDistance('abc', 'abcdefgh', 2)).toBe(3);
  });

  it('corrects a typo to the nearest known word, the more frequent on a tie', () => {
    expect(closestWord('phne', known)).toBe('phone');
    expect(closestWord('samsng', known)).toBe('samsung');
    expect(closestWord('chrager', known)).toBe('charger');
  });

  it('leaves short words and words too far from anything alone', () => {
    expect(closestWord('tv', known)).toBeNull();
    expect(closestWord('blender', known)).toBeNull();
  });
});
