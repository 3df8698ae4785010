import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

// The alert cron's verdicts through the RPC the gateway calls: a rule's standing alert is one row
// (a partial unique index), so a verdict repeated changes nothing until the rule calms down.
describe('operator alerts (operatorAlerts / adminAlerts RPC)', () => {
  it('opens one alert per firing rule, resolves it once, and opens a new one when it fires again', async () => {
    const rule = `test_rule_${crypto.randomUUID().slice(0, 8)}`;
    const firing = { rule, firing: true, value: 7, threshold: 5 };
    const [opened] = await exports.default.operatorAlerts([firing]);
    expect(opened).toMatchObject({ rule, state: 'firing', value: 7, threshold: 5 });
    expect(await exports.default.operatorAlerts([{ ...firing, value: 9 }])).toEqual([]);

    const calm = { rule, firing: false, value: 1, threshold: 5 };
    expect(await exports.default.operatorAlerts([calm])).toEqual([
      { id: opened?.id, rule, state: 'resolved', value: 1, threshold: 5 },
    ]);
    expect(await exports.default.operatorAlerts([calm])).toEqual([]);

    const [again] = await exports.default.operatorAlerts([firing]);
    expect(again).toMatchObject({ rule, state: 'firing' });
    expect(again?.id).not.toBe(opened?.id);

    // Firing first, then the resolved one with the value it calmed at.
    const listed = (await exports.default.adminAlerts()).filter((a) => a.rule === rule);
    expect(listed).toEqual([
      { id: again?.id, rule, threshold: 5, value: 7, resolvedValue: null, firedAt: expect.any(String), resolvedAt: null },
      {
        id: opened?.id,
        rule,
        threshold: 5,
        value: 7,
        resolvedValue: 1,
        firedAt: expect.any(String),
        resolvedAt: expect.any(String),
      },
    ]);
  });
});
