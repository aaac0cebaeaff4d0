// A loopback TCP proxy a test can cut and restore, to make a real service unreachable and back.
import net from 'node:net';

export class TcpProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /**
   * A started proxy in front of the service `url` names (`defaultPort` when it names none), and
   * the same URL pointing at the proxy instead.
   */
  static async inFrontOf(
    url: string,
    defaultPort: number,
  ): Promise<{ proxy: TcpProxy; url: string }> {
    const direct = new URL(url);
    const proxy = new TcpProxy(direct.hostname, Number(direct.port || defaultPort));
    await proxy.up();
    const viaProxy = new URL(direct);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    return { proxy, url: viaProxy.toString() };
  }

  /** Listens (again) on the same port as before, or a free one the first time. */
  async up(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  /** Refuses new connections and cuts every open one, as a crashed server would. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
