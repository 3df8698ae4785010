import { statement } from '@linked-all/db';
import { auditStatement } from '@linked-all/events';
import { AppError } from '@linked-all/http';
import { CurrencyCode } from '@linked-all/money';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { orm } from '../db/orm';
import { commissionRules } from '../db/schema';

/** The category every rule-less category falls back to. */
export const DEFAULT_CATEGORY = '*';

export const CommissionRule = z
  .object({
    categoryId: z.string().regex(/^(\*|cat_[0-9a-z]{4,40})$/, "A category id like cat_… or '*'"),
    // Basis points: 1000 = 10%.
    rateBps: z.number().int().min(0).max(10_000),
    // Minor units per currency (XOF and UGX have none, so 100 XOF is 100).
    minimums: z.partialRecord(CurrencyCode, z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)),
  })
  .strict();
export type CommissionRule = z.infer<typeof CommissionRule>;

type Line = { categoryId: string; amount: number };

/**
 * The commission on one vendor order: rate × line amount summed over the lines (in exact
 * integer arithmetic, rounded half up once), at least the largest minimum among the rules
 * that applied, never more than the vendor order itself.
 */
export function commissionFor(
  lines: readonly Line[],
  currency: CurrencyCode,
  rules: ReadonlyMap<string, CommissionRule>,
): number {
  const fallback = rules.get(DEFAULT_CATEGORY);
  let numerator = 0n;
  let total = 0;
  let minimum = 0;
  for (const line of lines) {
    const rule = rules.get(line.categoryId) ?? fallback;
    if (!rule) throw new AppError('internal', `No commission rule for ${line.categoryId} and no '*' rule`);
    numerator += BigInt(line.amount) * BigInt(rule.rateBps);
    total += line.amount;
    minimum = Math.max(minimum, rule.minimums[currency] ?? 0);
  }
  // Half up: add half the divisor before the integer division (amounts are never negative).
  const rated = Number((numerator + 5_000n) / 10_000n);
  return Math.min(total, Math.max(rated, minimum));
}

function toRule(row: typeof commissionRules.$inferSelect): CommissionRule {
  return { categoryId: row.categoryId, rateBps: row.rateBps, minimums: JSON.parse(row.minimums) };
}

/** The rules for these categories plus the '*' fallback, as one query (it also joins a batch: see authorize). */
export function rulesQuery(db: D1Database, categoryIds: readonly string[]) {
  const ids = [...new Set([DEFAULT_CATEGORY, ...categoryIds])];
  // json_each keeps this to one bound parameter however many categories an order has.
  return orm(db)
    .select()
    .from(commissionRules)
    .where(sql`${commissionRules.categoryId} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);
}

/** The rows of `rulesQuery`, by category. */
export function rulesByCategory(rows: readonly (typeof commissionRules.$inferSelect)[]): Map<string, CommissionRule> {
  return new Map(rows.map((r) => [r.categoryId, toRule(r)]));
}

/** The rules for these categories plus the '*' fallback, in one query. */
export async function rulesFor(db: D1Database, categoryIds: readonly string[]): Promise<Map<string, CommissionRule>> {
  return rulesByCategory(await rulesQuery(db, categoryIds));
}

export async function listRules(db: D1Database): Promise<CommissionRule[]> {
  const results = await orm(db)
    .select()
    .from(commissionRules)
    .orderBy(sql`${commissionRules.categoryId} <> ${DEFAULT_CATEGORY}`, commissionRules.categoryId);
  return results.map(toRule);
}

/**
 * Replaces the whole rule set at once (one batch), so no order is ever priced against half
 * an update. The '*' rule must be in it: every category needs a rule to fall back to.
 */
export async function replaceRules(
  db: D1Database,
  rules: readonly CommissionRule[],
  actor: string,
  now = Date.now(),
): Promise<CommissionRule[]> {
  if (!rules.some((r) => r.categoryId === DEFAULT_CATEGORY)) {
    throw new AppError('validation_failed', "The rules must include the '*' rule", {
      errors: [{ path: 'rules', message: "Missing the '*' rule" }],
    });
  }
  const d = orm(db);
  await db.batch([
    statement(db, d.delete(commissionRules)),
    ...rules.map((r) =>
      statement(
        db,
        d
          .insert(commissionRules)
          .values({ categoryId: r.categoryId, rateBps: r.rateBps, minimums: JSON.stringify(r.minimums), updatedAt: now }),
      ),
    ),
    auditStatement(db, { actor, action: 'commission.replace', target: 'commission_rules', detail: { rules } }, { now }),
  ]);
  return listRules(db);
}
