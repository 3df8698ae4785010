import { newId } from '@linked-all/http';

/** The cookie a guest carries: `<cartId>.<cartToken>`, HttpOnly, so page scripts never see the token. */
export const CART_COOKIE = 'la_cart';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/**
 * The stable public id of a signed-in user's cart: derived, so no lookup table is needed and
 * every device of the user finds the same cart. Knowing it grants nothing: only its user may use it.
 */
export async function userCartId(userId: string): Promise<string> {
  const digest = await sha256(`user-cart:${userId}`);
  return `crt_${Array.from(digest.slice(0, 16), (b) => ALPHABET[b % 32]).join('')}`;
}

/** A new guest cart: a random id and a 256-bit secret token. */
export function newGuestCart(now = Date.now()): { cartId: string; cartToken: string } {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const cartToken = btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
  return { cartId: newId('crt', now), cartToken };
}

/** Only the token's hash is stored, so a storage leak does not open guest carts. */
export async function hashCartToken(token: string): Promise<string> {
  return Array.from(await sha256(token), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function cartCookie(cartId: string, cartToken: string, maxAgeMs: number): string {
  return `${CART_COOKIE}=${cartId}.${cartToken}; Path=/; Max-Age=${Math.floor(maxAgeMs / 1000)}; HttpOnly; Secure; SameSite=Lax`;
}

/** The guest token for `cartId`: the `x-cart-token` header, else the cookie if it is for this cart. */
export function guestTokenFor(cartId: string, header: string | undefined, cookie: string | undefined): string | null {
  if (header) return header;
  if (!cookie) return null;
  const dot = cookie.indexOf('.');
  return dot > 0 && cookie.slice(0, dot) === cartId ? cookie.slice(dot + 1) : null;
}
