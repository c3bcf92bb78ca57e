// The worklist's live part: each red-lane alert from GET /api/v1/alerts (server-sent events, the session cookie)
// adds its row at the top, rendered by the server as the page renders rows, marked new.
"use strict";
(() => {
    const status = document.getElementById("live-status");
    const body = document.querySelector("#worklist tbody");
    if (!status || !body) return;

    async function add(documentKey) {
        if (body.querySelector(`tr[data-document="${CSS.escape(documentKey)}"]`)) return;
        const response = await fetch(`/worklist?handler=Row&document=${encodeURIComponent(documentKey)}`, { credentials: "same-origin" });
        if (!response.ok) return;
        const template = document.createElement("template");
        template.innerHTML = (await response.text()).trim();
        const row = template.content.querySelector("tr");
        if (!row || body.querySelector(`tr[data-document="${CSS.escape(documentKey)}"]`)) return;
        body.prepend(row);
        document.getElementById("empty")?.remove();
        window.cts.tickCountdowns();
        status.textContent = `New red-lane consignment ${row.querySelector("a")?.textContent ?? documentKey}`;
    }

    const source = new EventSource("/api/v1/alerts", { withCredentials: true });
    source.addEventListener("open", () => {
        status.dataset.live = "connected";
        status.textContent = "Live: new red-lane consignments appear at the top.";
    });
    source.addEventListener("error", () => {
        status.dataset.live = "reconnecting";
        status.textContent = "Live alerts interrupted; reconnecting…";
    });
    source.addEventListener("alert", event => {
        try {
            const alert = JSON.parse(event.data);
            if (alert.document) add(alert.document);
        } catch {
            // An event that is not an alert is ignored.
        }
    });
    window.addEventListener("pagehide", () => source.close());
})();
