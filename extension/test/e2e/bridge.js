// TEST BUILD ONLY (dist/firefox-e2e): lets the WebDriver-BiDi driver, which cannot reach the
// background page or moz-extension:// pages, ask the background for this tab's badge.
// page → window.postMessage({e2eQuery}) → this content script → runtime.sendMessage → background.
window.addEventListener('message', async (e) => {
  if (e.source !== window || !e.data || !e.data.e2eQuery) return;
  let reply;
  try {
    reply = await browser.runtime.sendMessage(e.data.e2eQuery);
  } catch (err) {
    reply = { bridgeError: String(err) };
  }
  window.postMessage({ e2eReply: JSON.stringify(reply ?? null) }, '*');
});
