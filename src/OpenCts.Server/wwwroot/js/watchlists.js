// The watch-list page: every change is a call to /api/v1/watchlists, which goes through the application core.
"use strict";
(() => {
    const $ = id => document.getElementById(id);
    const outcome = $("wl-outcome");
    const say = (text, ok) => { outcome.textContent = text; outcome.className = ok ? "ok" : "error"; };
    const fields = form => Object.fromEntries(new FormData(form).entries());
    const split = text => (text || "").split("|").map(s => s.trim()).filter(s => s);
    const reloadSaying = text => { sessionStorage.setItem("wl-outcome", text); location.reload(); };
    const kept = sessionStorage.getItem("wl-outcome");
    if (kept) { sessionStorage.removeItem("wl-outcome"); say(kept, true); }

    async function act(button, work) {
        if (button) button.disabled = true;
        try { await work(); } catch (error) { say(error.message, false); } finally { if (button) button.disabled = false; }
    }

    $("wl-search").addEventListener("submit", e => {
        e.preventDefault();
        act(e.submitter, async () => {
            const query = new URLSearchParams(fields(e.target));
            query.set("pageSize", "50");
            const page = await cts.api("GET", "/api/v1/watchlists/entries?" + query);
            const allow = $("wl-allow") !== null;
            $("wl-results").innerHTML = page.items.length === 0 ? `<p class="muted">No entry matches.</p>` : `
                <p class="muted">${page.total} entr${page.total === 1 ? "y" : "ies"}${page.total > page.items.length ? `, the first ${page.items.length} shown` : ""}.</p>
                <table><thead><tr><th>List</th><th>Id</th><th>Name and aliases</th><th>Countries</th><th>Programmes and remarks</th>${allow ? "<th></th>" : ""}</tr></thead><tbody>
                ${page.items.map(x => `<tr><td>${cts.escape(x.list)}</td><td>${cts.escape(x.id)}</td>
                    <td><b>${cts.escape(x.name)}</b> <span class="muted">${cts.escape(x.kind)}</span>${x.aliases.map(a => `<br><span class="muted">a.k.a. ${cts.escape(a)}</span>`).join("")}</td>
                    <td>${x.countries.map(cts.escape).join(", ")}</td><td>${cts.escape(x.programs ?? "")} ${cts.escape(x.remarks ?? "")}</td>
                    ${allow ? `<td><button type="button" class="link wl-pick" data-list="${cts.escape(x.list)}" data-entry="${cts.escape(x.id)}">Allow-list…</button></td>` : ""}</tr>`).join("")}
                </tbody></table>`;
        });
    });

    // Picking a result fills the allow-list form with its list and entry.
    $("wl-results").addEventListener("click", e => {
        const pick = e.target.closest(".wl-pick");
        if (!pick) return;
        const form = $("wl-allow");
        form.elements.list.value = pick.dataset.list;
        form.elements.entryId.value = pick.dataset.entry;
        form.elements.partyName.focus();
    });

    $("wl-allow")?.addEventListener("submit", e => {
        e.preventDefault();
        act(e.submitter, async () => {
            const request = await cts.api("POST", "/api/v1/watchlists/allow-list/requests", fields(e.target));
            reloadSaying(`Request ${request.id} to allow-list ${request.partyName} waits for a supervisor.`);
        });
    });

    for (const button of document.querySelectorAll(".wl-decide")) {
        button.addEventListener("click", () => act(button, async () => {
            const row = button.closest("tr");
            const comment = row.querySelector(".wl-comment").value;
            await cts.api("POST", `/api/v1/watchlists/allow-list/requests/${row.dataset.request}/${button.dataset.decision}`, { comment });
            reloadSaying(button.dataset.decision === "approve" ? "The party is allow-listed against the entry." : "The request is refused.");
        }));
    }

    $("wl-add")?.addEventListener("submit", e => {
        e.preventDefault();
        act(e.submitter, async () => {
            const f = fields(e.target);
            const change = await cts.api("POST", `/api/v1/watchlists/${encodeURIComponent(f.list)}/entries`, {
                id: f.id, kind: f.kind, name: f.name, aliases: split(f.aliases), countries: split(f.countries), programs: f.programs || null, remarks: f.remarks || null,
            });
            reloadSaying(`${change.list} now has ${change.entries} entries.`);
        });
    });

    $("wl-upload")?.addEventListener("click", e => act(e.currentTarget, async () => {
        const file = $("wl-file").files[0];
        if (!file) throw new Error("Choose a list file first.");
        const response = await fetch(`/api/v1/watchlists?file=${encodeURIComponent(file.name)}`, {
            method: "POST", body: file, credentials: "same-origin",
            headers: { "X-CSRF-TOKEN": cts.csrf(), "Content-Type": "application/octet-stream", "Accept": "application/json" },
        });
        const data = await response.json();
        if (!response.ok) throw new Error(data.detail ?? data.title);
        reloadSaying(data.map(c => `${c.list}: ${c.entries} entries (${c.added} added, ${c.removed} removed, ${c.amended} amended)`).join("; "));
    }));

    $("wl-refresh")?.addEventListener("click", e => act(e.currentTarget, async () => {
        say("Downloading the publishers' lists…", true);
        const changes = await cts.api("POST", "/api/v1/watchlists/refresh");
        reloadSaying(changes.map(c => `${c.list}: ${c.entries} entries`).join("; "));
    }));
})();
