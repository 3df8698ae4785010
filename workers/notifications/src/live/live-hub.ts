import { DurableObject } from 'cloudflare:workers';

/** What an open page receives: an order or shipment change, or a notification's text. */
export type LiveMessage =
  | { kind: 'order'; event: string; orderId: string; vendorOrderId?: string; status?: string }
  | { kind: 'notification'; body: string };

/**
 * One hub per audience (a user, or a shop for its vendor app) holding that audience's open pages'
 * WebSockets. The hibernation API lets the object sleep between messages with its sockets still
 * open, so an idle page costs nothing; a ping is answered without waking it.
 */
export class LiveHub extends DurableObject<NotificationsEnv> {
  constructor(ctx: DurableObjectState, env: NotificationsEnv) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
  }

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket')
      return new Response('Expected a WebSocket upgrade', { status: 426 });
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
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
  }
}

/** The hub of a user's pages, or of a shop's vendor app. */
export const liveHubOf = (env: NotificationsEnv, audience: { userId: string } | { vendorId: string }) =>
  env.LIVE.getByName('userId' in audience ? `user:${audience.userId}` : `vendor:${audience.vendorId}`);
