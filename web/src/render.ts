import type { Child } from 'hono/jsx';

/** Renders a page element to an HTML string (for tests and for size budgets). */
export async function renderHtml(element: Child): Promise<string> {
  return String(await (element as { toString(): string | Promise<string> }).toString());
}
