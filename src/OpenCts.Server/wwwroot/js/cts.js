// OpenCTS pages: a small helper every page uses. No framework: the pages are rendered on the server,
// and scripts only add the live parts (alerts, the editor's compile errors, charts).
"use strict";
window.cts = (() => {
    const csrf = () => document.querySelector('meta[name="csrf-token"]')?.content ?? "";

    // Calls the API with the session cookie and the antiforgery token; throws an Error carrying the problem details.
    async function api(method, url, body) {
        const init = { method, headers: { "Accept": "application/json" }, credentials: "same-origin" };
        if (method !== "GET") init.headers["X-CSRF-TOKEN"] = csrf();
        if (body !== undefined) {
            if (typeof body === "string") { init.body = body; init.headers["Content-Type"] = "text/plain"; }
            else { init.body = JSON.stringify(body); init.headers["Content-Type"] = "application/json"; }
        }
        const response = await fetch(url, init);
        const text = await response.text();
        const data = text ? (() => { try { return JSON.parse(text); } catch { return text; } })() : null;
        if (!response.ok) {
            const error = new Error(data?.detail ?? data?.title ?? `${response.status} ${response.statusText}`);
            error.status = response.status;
            error.problem = data;
            throw error;
        }
        return data;
    }

    // "in 3 h 12 min", "12 min ago": how far a moment is from now, for countdowns to arrival.
    function until(iso, now = Date.now()) {
        if (!iso) return "";
        const minutes = Math.round((Date.parse(iso) - now) / 60000);
        const a = Math.abs(minutes);
        const text = a >= 2880 ? `${Math.round(a / 1440)} d` : a >= 60 ? `${Math.floor(a / 60)} h ${a % 60} min` : `${a} min`;
        return minutes >= 0 ? `in ${text}` : `${text} ago`;
    }

    // Refreshes every element with data-until="ISO" once a minute.
    function tickCountdowns() {
        for (const el of document.querySelectorAll("[data-until]")) el.textContent = until(el.dataset.until);
    }

    function escape(text) {
        return String(text ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
    }

    document.addEventListener("DOMContentLoaded", () => {
        tickCountdowns();
        setInterval(tickCountdowns, 60000);
        // Tests wait for this marker before they click: scripts have run by then.
        document.body.dataset.ready = "true";
    });

    return { api, until, escape, csrf, tickCountdowns };
})();
