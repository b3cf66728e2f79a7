// A local HTTPS server on 127.0.0.1 (never any other address) serving one small page.
import https from 'node:https';

/**
 * @param {object} chain from makeChain
 * @param {object} [o]
 * @param {boolean} [o.sendRoot] send the root too (leaf, intermediate, root), as many
 *   interception boxes do; the host then sees the root in a probe without any local store
 * @param {string} [o.body] the page's HTML after its title (e.g. an iframe)
 */
export async function startServer(chain, { sendRoot = true, body = '<p>anchorwatch e2e</p>' } = {}) {
  const cert = [chain.leaf, chain.int, ...(sendRoot ? [chain.root] : [])].join('');
  const server = https.createServer({ key: chain.leafKey, cert }, (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(`<!doctype html><title>e2e page</title>${body}`);
  });
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve, reject) => server.listen(0, '127.0.0.1', resolve).on('error', reject));
  const { port } = server.address();
  return {
    port,
    url: `https://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
