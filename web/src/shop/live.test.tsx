import { gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { pageI18n } from '../components/i18n';
import { renderHtml } from '../render';
import { AccountPage } from './account-page';
import { order } from './fixtures';
import { LIVE_JS } from './live-script';
import { OrderPage, OrdersPage } from './order-page';
import { PUSH_JS } from './push-script';
import { PUSH_SW_JS } from './push-sw';

const BUDGET = 14 * 1024;
const gzipSize = (text: string) => gzipSync(text, { level: 6 }).length;
const ctx = { saveData: false, signedIn: true };
const USER = { name: 'Amina Njeri', phone: '+254712345678', email: null };

/** A page with the hidden bar, a WebSocket that records what the script does, and fake timers. */
function runLiveScript(orderId: string | null) {
  const bar = { hidden: true, dataset: {} as Record<string, string>, getAttribute: () => orderId };
  const sockets: FakeSocket[] = [];
  class FakeSocket {
    readyState = 0;
    sent: string[] = [];
    onopen?: () => void;
    onmessage?: (e: { data: string }) => void;
    onclose?: () => void;
    constructor(readonly url: string) {
      sockets.push(this);
    }
    send(text: string) {
      this.sent.push(text);
    }
    open() {
      this.readyState = 1;
      this.onopen?.();
    }
  }
  const window = { WebSocket: FakeSocket, JSON };
  const document = { getElementById: (id: string) => (id === 'live' ? bar : null) };
  const location = { protocol: 'https:', host: 'shop.example' };
  new Function('window', 'document', 'location', 'WebSocket', 'addEventListener', LIVE_JS)(
    window,
    document,
    location,
    FakeSocket,
    () => {},
  );
  return { bar, sockets };
}

describe('the live bar on the order pages', () => {
  it('renders hidden with the script deferred, so a page without JavaScript is unchanged', async () => {
    const o = order();
    const html = await renderHtml(<OrderPage {...ctx} path={`/orders/${o.id}`} order={o} />);
    expect(html).toContain(
      `<p id="live" class="note" role="status" hidden="" data-order="${o.id}">This order has changed. <a href="/orders/${o.id}">Refresh to see it</a></p>`,
    );
    expect(html).toContain('<script src="/live.js" defer=""></script>');
    expect(gzipSize(html)).toBeLessThanOrEqual(BUDGET);
    const list = await renderHtml(<OrdersPage {...ctx} path="/orders" orders={[]} nextCursor={null} />, pageI18n('fr'));
    expect(list).toContain('<p id="live" class="note" role="status" hidden="">Cette commande a changé. <a href="/orders">');
  });

  it('shows the bar when this order changes, not for another order, and ignores pongs', () => {
    vi.useFakeTimers();
    try {
      const { bar, sockets } = runLiveScript('ord_a');
      expect(sockets.map((s) => s.url)).toEqual(['wss://shop.example/live']);
      const socket = sockets[0];
      if (!socket) throw new Error('no socket');
      socket.open();
      socket.onmessage?.({ data: 'pong' });
      socket.onmessage?.({ data: JSON.stringify({ kind: 'order', event: 'shipment.picked_up', orderId: 'ord_b' }) });
      expect(bar.hidden).toBe(true);
      socket.onmessage?.({
        data: JSON.stringify({ kind: 'order', event: 'shipment.picked_up', orderId: 'ord_a', status: 'shipped' }),
      });
      expect(bar.hidden).toBe(false);
      // A ping every 30 s keeps an idle socket open through proxies.
      vi.advanceTimersByTime(30_000);
      expect(socket.sent).toEqual(['ping']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reconnects with growing back-off and gives up after 8 failures in a row', () => {
    vi.useFakeTimers();
    try {
      const { sockets } = runLiveScript(null);
      // How long after a close the next socket opens: 1 s, 2 s, 4 s … each plus up to as much jitter.
      const delays: number[] = [];
      for (let i = 0; i < 12; i++) {
        sockets.at(-1)?.onclose?.();
        const before = sockets.length;
        let waited = 0;
        while (sockets.length === before && waited < 200_000) {
          vi.advanceTimersByTime(100);
          waited += 100;
        }
        if (sockets.length === before) break;
        delays.push(waited);
      }
      expect(delays).toHaveLength(8);
      delays.forEach((d, i) => {
        expect(d).toBeGreaterThanOrEqual(Math.min(1000 * 2 ** i, 60_000));
        expect(d).toBeLessThanOrEqual(2 * Math.min(1000 * 2 ** i, 60_000) + 100);
      });
      expect(sockets).toHaveLength(9);
      // The list page takes any of my orders' changes.
      const { bar, sockets: fresh } = runLiveScript(null);
      fresh[0]?.open();
      fresh[0]?.onmessage?.({ data: JSON.stringify({ kind: 'order', event: 'order.confirmed', orderId: 'ord_z' }) });
      expect(bar.hidden).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the push control on the account page', () => {
  it('renders hidden, with its words for the script, and the script deferred', async () => {
    const html = await renderHtml(<AccountPage {...ctx} path="/account" user={USER} addresses={[]} country="KE" />);
    expect(html).toMatch(
      /<section id="push" class="panel" hidden="" data-enable="Enable notifications" data-disable="Turn off notifications"/,
    );
    expect(html).toContain('<button type="button">Enable notifications</button>');
    expect(html).toContain('<script src="/push.js" defer=""></script>');
    expect(gzipSize(html)).toBeLessThanOrEqual(BUDGET);
  });

  it('comes after every other panel, so that showing it moves nothing the shopper is reading', async () => {
    const html = await renderHtml(<AccountPage {...ctx} path="/account" user={USER} addresses={[]} country="KE" />);
    // Above the addresses it pushed them down by its height when the script showed it (Lighthouse CLS 0.06).
    const panels = [...html.matchAll(/<section [^>]*class="panel"[^>]*>/g)].map((m) => m[0]);
    expect(panels.at(-1)).toContain('id="push"');
  });

  it('stays hidden in a browser without Push', () => {
    const box = { hidden: true, dataset: {}, querySelector: () => null };
    new Function('window', 'document', 'navigator', PUSH_JS)({}, { getElementById: () => box }, {});
    expect(box.hidden).toBe(true);
  });
});

describe('the shop scripts', () => {
  it('parse, and stay small (gzip)', () => {
    for (const script of [LIVE_JS, PUSH_JS, PUSH_SW_JS]) expect(() => new Function(script)).not.toThrow();
    expect(gzipSize(LIVE_JS)).toBeLessThanOrEqual(700);
    expect(gzipSize(PUSH_JS)).toBeLessThanOrEqual(1024);
    expect(gzipSize(PUSH_SW_JS)).toBeLessThanOrEqual(700);
    console.log(`gzip: live.js ${gzipSize(LIVE_JS)} B, push.js ${gzipSize(PUSH_JS)} B, push-sw.js ${gzipSize(PUSH_SW_JS)} B`);
  });
});
