import { CATALOGUES, type MessageKey } from '@linked-all/i18n';
import { describe, expect, it } from 'vitest';
import { smsSegments } from '../sms/segments';
import { render } from './render';

const TYPICAL = {
  order: 'K7Q2M9XD',
  amount: { amount: 12_345_000, currency: 'KES' },
  tracking: 'LA-7F3K-9QXM',
  receipt: 'QK71HX2ZP0',
  code: '482913',
  status: 'out for delivery',
  count: 3,
  list: 'K7Q2M9XD, P3N8W2QA, Z9D4T6RB',
  shop: 'Mama Njeri Fabrics',
};

const smsKeys = Object.keys(CATALOGUES.en).filter((k): k is MessageKey => k.startsWith('notify.sms.'));

describe('SMS templates', () => {
  // Languages written in Latin letters fit the 7-bit alphabet; Arabic and accented Portuguese go as UCS-2.
  for (const locale of ['en', 'fr', 'sw'] as const) {
    it(`fit one 160-character GSM-7 segment in ${locale} with typical values`, () => {
      for (const key of smsKeys) {
        const text = render(key, TYPICAL, locale, '+254700000001');
        expect({ key, ...smsSegments(text) }).toMatchObject({ key, encoding: 'GSM-7', segments: 1 });
      }
    });
  }

  it('format money for the reader: French in Côte d’Ivoire, Swahili in Kenya', () => {
    expect(render('notify.sms.payment_failed', { amount: { amount: 5_000, currency: 'XOF' } }, 'fr', '+2250700000001')).toContain(
      '5 000 F CFA',
    );
    expect(
      render('notify.sms.payment_failed', { amount: { amount: 250_000, currency: 'KES' } }, 'sw', '+254700000001'),
    ).toContain('Ksh 2,500.00');
  });
});
