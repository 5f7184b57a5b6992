// Casebook's boot script: a file, not inline, because the Content-Security-Policy allows no
// inline script. Deferred, it runs once the page is parsed, before the wasm app starts, and:
// 1. sets <html lang> to the remembered or browser language and marks <html data-boot>, so
//    the static shell in index.html shows its loading line in that language (CSS picks it
//    with :lang()), and applies the stylesheet once it has loaded (it comes media=print so
//    as not to block the shell's first paint);
// 2. removes the static shell once the app has mounted (Trunk's TrunkApplicationStarted);
// 3. registers the service worker (sw.js beside index.html, so its scope is this sub-path)
//    and tells the app when a new version is waiting: <html data-update="ready"> and a
//    "casebook-update" event. When the app fires "casebook-apply-update" (the user clicked
//    "Reload to update"), the waiting worker takes over and the page reloads once it controls
//    it. Nothing here reloads by itself.
(() => {
  const root = document.documentElement;
  let saved = null;
  try {
    saved = localStorage.getItem('casebook.lang');
  } catch {
    // Storage blocked: fall back to the browser's language.
  }
  if (/^zh/i.test(saved || navigator.language || '')) root.lang = 'zh-CN';
  root.dataset.boot = '';

  // The stylesheet comes marked media=print, so it does not hold back the shell's first
  // paint; it applies as soon as it has loaded (long before the app mounts).
  const sheet = document.querySelector('link[rel=stylesheet][media=print]');
  const apply = () => {
    sheet.media = 'all';
  };
  if (sheet?.sheet) apply();
  else sheet?.addEventListener('load', apply, { once: true });

  addEventListener('TrunkApplicationStarted', () => document.getElementById('shell')?.remove());

  const sw = navigator.serviceWorker;
  if (!sw) return;
  const announce = () => {
    root.dataset.update = 'ready';
    dispatchEvent(new Event('casebook-update'));
  };
  sw.register('sw.js').then((reg) => {
    if (reg.waiting && sw.controller) announce();
    reg.addEventListener('updatefound', () => {
      const worker = reg.installing;
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed' && sw.controller) announce();
      });
    });
    addEventListener('casebook-apply-update', () => {
      if (!reg.waiting) return;
      sw.addEventListener('controllerchange', () => location.reload(), { once: true });
      reg.waiting.postMessage({ type: 'SKIP_WAITING' });
    });
    // A tab left open for days still hears of new versions.
    setInterval(() => reg.update().catch(() => {}), 3600000);
  }, () => {
    // No service worker (a development build, or a browser that refuses one): the app works
    // online as before.
  });
})();
