import { DurableObject } from 'cloudflare:workers';
import { inJson } from '@linked-all/db';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { orm } from '../db/orm';
import { livePresence } from '../db/schema';

/** What an open page receives: an order or shipment change, or a notification's text. */
export type LiveMessage =
  | { kind: 'order'; event: string; orderId: string; vendorOrderId?: string; status?: string }
  | { kind: 'notification'; body: string };

/** A hub's name: `user:<id>` for a user's pages, `vendor:<id>` for a shop's vendor app. */
export type HubName = `user:${string}` | `vendor:${string}`;
type Audience = { userId: string } | { vendorId: string };

// The hub's name travels with the upgrade (an object does not know the name it was reached by)
// and stays on each socket, so the last one to close can clear the hub's presence row.
const HUB_HEADER = 'x-live-hub';
const Attachment = z.object({ hub: z.string().nullable() });

/** The hub's presence row; a hub already present keeps the time it opened. */
const present = (db: D1Database, hub: string) =>
  orm(db).insert(livePresence).values({ hub, since: Date.now() }).onConflictDoNothing({ target: livePresence.hub });

/**
 * One hub per audience (a user, or a shop for its vendor app) holding that audience's open pages'
 * WebSockets. The hibernation API lets the object sleep between messages with its sockets still
 * open, so an idle page costs nothing; a ping is answered without waking it. It keeps its row in
 * `live_presence` while it holds a socket: senders read that row with their other D1 reads and
 * wake no object for the (many) users with no page open.
 */
export class LiveHub extends DurableObject<NotificationsEnv> {
  constructor(ctx: DurableObjectState, env: NotificationsEnv) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
  }

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket')
      return new Response('Expected a WebSocket upgrade', { status: 426 });
    const hub = request.headers.get(HUB_HEADER);
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({ hub });
    if (hub) await present(this.env.DB, hub);
    return new Response(null, { status: 101, webSocket: client });
  }

  /** How many pages of this audience are open now. */
  async openPages(): Promise<number> {
    return this.ctx.getWebSockets().length;
  }

  /** Sends to every open page of this audience; answers how many got it (0: nobody is looking). */
  async broadcast(message: LiveMessage): Promise<number> {
    const text = JSON.stringify(message);
    let sent = 0;
    for (const socket of this.ctx.getWebSockets()) {
      try {
        socket.send(text);
        sent++;
      } catch {
        // A socket that closed between the list and the send: the next list will not hold it.
      }
    }
    return sent;
  }

  override async webSocketClose(socket: WebSocket, code: number) {
    socket.close(code === 1005 ? 1000 : code, 'closing');
    await this.leave(socket);
  }

  override async webSocketError(socket: WebSocket) {
    await this.leave(socket);
  }

  /** The last open page left: the hub is absent again (re-checked after the write, as a page may open meanwhile). */
  private async leave(closed: WebSocket) {
    const { hub } = Attachment.parse(closed.deserializeAttachment() ?? { hub: null });
    if (!hub || this.openSockets(closed) > 0) return;
    await orm(this.env.DB).delete(livePresence).where(eq(livePresence.hub, hub));
    if (this.openSockets(closed) > 0) await present(this.env.DB, hub);
  }

  private openSockets(except: WebSocket) {
    return this.ctx.getWebSockets().filter((s) => s !== except && s.readyState === WebSocket.OPEN).length;
  }
}

/** The name of a user's, or a shop's, hub. */
export const hubName = (audience: Audience): HubName =>
  'userId' in audience ? `user:${audience.userId}` : `vendor:${audience.vendorId}`;

/** The hub of a user's pages, or of a shop's vendor app. */
export const liveHubOf = (env: NotificationsEnv, audience: Audience) => env.LIVE.getByName(hubName(audience));

/** Opens a page's socket on its audience's hub (the hub records that it has a page open). */
export function openLiveSocket(env: NotificationsEnv, audience: Audience, request: Request) {
  const headers = new Headers(request.headers);
  headers.set(HUB_HEADER, hubName(audience));
  return liveHubOf(env, audience).fetch(new Request(request.url, { headers }));
}

/** Which of these hubs have a page open now (one D1 read, no object woken). */
export async function hubsWithPages(db: D1Database, hubs: string[]): Promise<Set<string>> {
  if (hubs.length === 0) return new Set();
  const rows = await orm(db).select({ hub: livePresence.hub }).from(livePresence).where(inJson(livePresence.hub, hubs));
  return new Set(rows.map((r) => r.hub));
}
