// The browser edge of lib/page-client.js: a runtime port to the background's cleanup relay.
import { api } from './i18n.js';
import { CLEANUP_PORT } from './lib/cleanup-relay.js';
import { PageClient } from './lib/page-client.js';

export function cleanupClient() {
  return new PageClient({
    connect: () => {
      const port = api.runtime.connect({ name: CLEANUP_PORT });
      return {
        postMessage: (m) => port.postMessage(m),
        onMessage: (cb) => port.onMessage.addListener(cb),
        onDisconnect: (cb) => port.onDisconnect.addListener(() => cb()),
      };
    },
  });
}
