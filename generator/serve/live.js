// diarium serve: reloads this page when a rebuild changed it (keeping the scroll position) and
// shows build errors over the page until they are fixed. Injected by the preview server only.
(() => {
  const here = location.pathname.replace(/index\.html$/, "");
  const scrollKey = "diarium-scroll:" + here;
  const saved = sessionStorage.getItem(scrollKey);
  if (saved !== null) {
    sessionStorage.removeItem(scrollKey);
    addEventListener("load", () => scrollTo(0, Number(saved)));
  }
  const events = new EventSource("/__diarium/events");
  events.addEventListener("reload", (e) => {
    const change = JSON.parse(e.data);
    if (change.everything || change.urls.includes(here)) {
      sessionStorage.setItem(scrollKey, String(scrollY));
      location.reload();
    }
  });
  events.addEventListener("problems", (e) => show(JSON.parse(e.data)));

  function show(problems) {
    document.getElementById("diarium-overlay")?.remove();
    if (!problems.length) return;
    const box = document.createElement("div");
    box.id = "diarium-overlay";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2em;" +
      "background:rgba(30,0,0,.92);color:#fff;font:15px/1.5 monospace;white-space:pre-wrap";
    const title = document.createElement("h2");
    title.textContent = "diarium: the build failed — the page shows the last good version";
    box.append(title);
    for (const p of problems) {
      const line = document.createElement("p");
      line.className = "diarium-problem";
      line.textContent = `${p.path}${p.line ? ":" + p.line : ""}: ${p.field ? "field '" + p.field + "': " : ""}${p.message}`;
      box.append(line);
    }
    document.body.append(box);
  }
})();
