import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { TlsHosts } from './chromium';

/**
 * A local proxy for https: Firefox has no host-resolver rules, so its https requests to the
 * hosts a scenario serves (the archives') reach the local https server through this proxy's
 * CONNECT tunnels, keeping their real hostnames (and so the certificate names them). Any
 * other host is refused: nothing leaves the machine.
 */
export async function startConnectProxy(tls: TlsHosts): Promise<{ port: number; close: () => Promise<void> }> {
  const server = createServer((_request, response) => {
    response.writeHead(405).end();
  });
  // A tunnel's sockets leave the HTTP server's keeping: they are closed here with it.
  const tunnels = new Set<Duplex>();
  server.on('connect', (request, client, head) => {
    tunnels.add(client);
    client.once('close', () => tunnels.delete(client));
    const [host, port] = (request.url ?? '').split(':');
    if (!host || !tls.hosts.includes(host) || port !== '443') {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(tls.port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    tunnels.add(upstream);
    upstream.once('close', () => tunnels.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      for (const socket of tunnels) socket.destroy();
      server.close(() => resolve());
    }),
  };
}
