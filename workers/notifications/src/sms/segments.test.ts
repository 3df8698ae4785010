import { describe, expect, it } from 'vitest';
import { smsSegments } from './segments';

describe('smsSegments', () => {
  it('counts GSM-7 septets, extension characters as two', () => {
    expect(smsSegments('Hello [world]')).toEqual({ encoding: 'GSM-7', units: 15, segments: 1 });
  });

  it('splits GSM-7 past 160 into 153-septet parts', () => {
    expect(smsSegments('a'.repeat(160)).segments).toBe(1);
    expect(smsSegments('a'.repeat(161)).segments).toBe(2);
  });

  it('sends Arabic and accented Portuguese as UCS-2, 70 a segment then 67', () => {
    expect(smsSegments('مرحبا').encoding).toBe('UCS-2');
    expect(smsSegments('código').encoding).toBe('UCS-2');
    expect(smsSegments('ã'.repeat(70)).segments).toBe(1);
    expect(smsSegments('ã'.repeat(71)).segments).toBe(2);
  });

  it('keeps French é, è, à in GSM-7', () => {
    expect(smsSegments('Commande confirmée, livrée à Abidjan').encoding).toBe('GSM-7');
  });
});
