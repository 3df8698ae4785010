import { z } from 'zod';
import { ProductId } from './schemas';

// Discovery's contract: synonym groups an admin edits, and the product-view event pages send.

/** A search word: lowercase letters and digits in any script, a phrase of up to four words. */
const SynonymWord = z
  .string()
  .trim()
  .toLowerCase()
  .min(2)
  .max(40)
  .regex(/^[\p{L}\p{N}]+(?: [\p{L}\p{N}]+){0,3}$/u, 'Letters and digits, at most four words');

/** A term and the words a search for it also matches; `twoWay` also makes each synonym match the term. */
export const SynonymGroupInput = z
  .object({
    term: SynonymWord.refine((t) => !t.includes(' '), 'One word'),
    synonyms: z.array(SynonymWord).min(1).max(10),
    twoWay: z.boolean().default(false),
  })
  .strict()
  .refine((g) => !g.synonyms.includes(g.term), { message: 'A word is not its own synonym', path: ['synonyms'] });
export type SynonymGroupInput = z.infer<typeof SynonymGroupInput>;

export const SynonymTerm = SynonymWord.refine((t) => !t.includes(' '), 'One word');

export const SynonymGroup = z.object({ term: z.string(), synonyms: z.array(z.string()) });
export type SynonymGroup = z.infer<typeof SynonymGroup>;
export const SynonymGroups = z.object({ items: z.array(SynonymGroup) });

/**
 * A product page view, as the gateway reports it: `session` is an opaque hash of the visitor's
 * session or cart cookie (never the cookie itself).
 */
export const ProductViewInput = z
  .object({ productId: ProductId, session: z.string().regex(/^[0-9a-f]{32}$/, 'A 32-hex-digit session hash') })
  .strict();
export type ProductViewInput = z.infer<typeof ProductViewInput>;
