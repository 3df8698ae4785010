import type { Child } from 'hono/jsx';
import { jsx } from 'hono/jsx';
import { I18nContext, type PageI18n } from './components/i18n';

/** Renders a page element to an HTML string (for tests and for size budgets), in a language when given. */
export async function renderHtml(element: Child, i18n?: PageI18n): Promise<string> {
  const tree = i18n ? jsx(I18nContext.Provider, { value: i18n }, element) : element;
  return String(await (tree as { toString(): string | Promise<string> }).toString());
}
