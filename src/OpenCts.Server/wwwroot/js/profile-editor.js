// The profile editor: CodeMirror 6 with the profile language's highlighting, compile errors asked of the server's compiler
// as the analyst types (the one source of truth), completion of the catalogue's fields, and the buttons of a profile's life.
import {
    EditorView, EditorState, keymap, lineNumbers, highlightActiveLine, drawSelection, defaultKeymap, history, historyKeymap,
    indentWithTab, StreamLanguage, syntaxHighlighting, HighlightStyle, bracketMatching, linter, lintGutter, autocompletion, tags,
} from "/lib/codemirror/codemirror.bundle.mjs";

const keywords = new Set(["and", "or", "not", "in", "between", "startsWith", "endsWith", "contains", "matches", "any", "all", "count"]);
const atoms = new Set(["true", "false", "null"]);
const functions = new Set(["list", "screen", "passesThrough", "date", "now", "days", "len", "dataQuality.has"]);
const completions = JSON.parse(document.getElementById("completions").textContent);
const fields = new Set(completions.filter(c => c.type === "property").map(c => c.label));
const collections = new Set(completions.filter(c => c.type === "type").map(c => c.label));

// Tokens as the server's Tokenizer reads them: // comments, "texts", numbers with a duration unit, operators, dotted names.
const profileLanguage = StreamLanguage.define({
    name: "cts-profile",
    token(stream) {
        if (stream.eatSpace()) return null;
        if (stream.match("//")) { stream.skipToEnd(); return "comment"; }
        if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return "string";
        if (stream.match(/^\d+(?:\.\d+)?(?:[dhms](?![A-Za-z0-9_]))?/)) return "number";
        if (stream.match(/^(?:==|!=|<>|<=|>=|&&|\|\||[<>=!+\-*/])/)) return "operator";
        if (stream.match(/^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/)) {
            const word = stream.current();
            if (keywords.has(word)) return "keyword";
            if (atoms.has(word)) return "atom";
            if (functions.has(word) && stream.peek() === "(") return "macroName";
            if (collections.has(word)) return "typeName";
            return fields.has(word) ? "propertyName" : "variableName";
        }
        if (stream.match(/^[()[\],:]/)) return "punctuation";
        stream.next();
        return null;
    },
    languageData: { commentTokens: { line: "//" } },
});

const highlight = HighlightStyle.define([
    { tag: tags.keyword, color: "#7b2d9b", fontWeight: "600" },
    { tag: tags.atom, color: "#7b2d9b" },
    { tag: tags.string, color: "#1e6b34" },
    { tag: tags.number, color: "#9a4b00" },
    { tag: tags.operator, color: "#12355b", fontWeight: "600" },
    { tag: tags.comment, color: "#56606d", fontStyle: "italic" },
    { tag: tags.propertyName, color: "#1f5fa8" },
    { tag: tags.typeName, color: "#00707a", fontWeight: "600" },
    { tag: tags.macroName, color: "#a3336b" },
    { tag: tags.variableName, color: "#b3261e", textDecoration: "underline dotted" },
]);

const statusEl = document.getElementById("compile-status");
const errorsEl = document.getElementById("compile-errors");

// The server says where an error starts (line, column); it is underlined to the end of the word or text there.
function diagnostics(doc, errors) {
    return errors.map(e => {
        const line = doc.line(Math.min(Math.max(e.line, 1), doc.lines));
        let from = Math.min(line.from + Math.max(e.column, 1) - 1, line.to);
        const word = /^("[^"\n]*"?|[\w.]+|\S)/.exec(doc.sliceString(from, line.to));
        let to = from + (word ? word[0].length : 0);
        if (to === from && from > 0) from -= 1;
        return { from, to: Math.max(to, from), severity: "error", message: e.message };
    });
}

function showErrors(errors) {
    errorsEl.innerHTML = errors.map(e => `<li>line ${e.line}, column ${e.column}: ${cts.escape(e.message)}</li>`).join("");
    statusEl.textContent = errors.length === 0 ? "The criteria compile." : `${errors.length} compile error${errors.length === 1 ? "" : "s"}.`;
    statusEl.className = errors.length === 0 ? "ok" : "muted";
}

const compileLinter = linter(async view => {
    const doc = view.state.doc;
    try {
        const result = await cts.api("POST", "/api/v1/profiles/compile", { criteria: doc.toString() });
        if (view.state.doc !== doc) return [];
        showErrors(result.errors);
        return diagnostics(doc, result.errors);
    } catch (error) {
        statusEl.textContent = "The compiler could not be asked: " + error.message;
        return [];
    }
}, { delay: 250 });

// Dotted names are one word here: "goods.hs" completes as a whole.
function complete(context) {
    const word = context.matchBefore(/[\w.]+/);
    if (!word || (word.from === word.to && !context.explicit)) return null;
    return {
        from: word.from,
        options: completions.map(c => ({ label: c.label, type: c.type, detail: c.detail || undefined })),
        validFor: /^[\w.]*$/,
    };
}

const host = document.getElementById("editor");
const readOnly = host.dataset.readonly === "true";
const view = new EditorView({
    parent: host,
    state: EditorState.create({
        doc: document.getElementById("criteria-source").value,
        extensions: [
            lineNumbers(), history(), drawSelection(), highlightActiveLine(), bracketMatching(),
            profileLanguage, syntaxHighlighting(highlight),
            ...(readOnly ? [EditorState.readOnly.of(true), EditorView.editable.of(false)] : [compileLinter, lintGutter(), autocompletion({ override: [complete] })]),
            keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
            EditorView.contentAttributes.of({ "aria-label": "Criteria", "data-testid": "criteria" }),
            EditorView.lineWrapping,
        ],
    }),
});
window.profileEditor = view;
requestAnimationFrame(() => { host.dataset.editorReady = "true"; });

// The buttons: every one calls the API, which calls the application core.
const form = document.getElementById("profile-form");
const outcome = document.getElementById("outcome");
const value = name => form.elements[name]?.value?.trim() ?? "";
const id = () => value("id");
const at = date => date ? new Date(date + "T00:00:00Z").toISOString() : null;

function say(text, ok) {
    outcome.textContent = text;
    outcome.className = ok ? "ok" : "error";
}

async function act(button, work) {
    button.disabled = true;
    try { await work(); } catch (error) { say(error.message, false); } finally { button.disabled = false; }
}

document.getElementById("save")?.addEventListener("click", e => act(e.currentTarget, async () => {
    const saved = await cts.api("POST", "/api/v1/profiles", {
        id: id(), name: value("name"), category: value("category"), action: value("action"), weight: Number(value("weight")),
        description: value("description") || null, validFrom: at(value("validFrom")), validTo: at(value("validTo")), criteria: view.state.doc.toString(),
    });
    if (form.dataset.new === "true") { location.href = "/profiles/" + encodeURIComponent(saved.id) + "?saved=" + saved.version; return; }
    say(`Draft saved as version ${saved.version}.`, true);
    setTimeout(() => location.reload(), 600);
}));

document.getElementById("submit")?.addEventListener("click", e => act(e.currentTarget, async () => {
    const moved = await cts.api("POST", `/api/v1/profiles/${encodeURIComponent(id())}/submit`);
    say(`Version ${moved.version} is submitted: a supervisor other than its owner approves it.`, true);
    setTimeout(() => location.reload(), 600);
}));

document.getElementById("retire")?.addEventListener("click", e => act(e.currentTarget, async () => {
    if (!confirm("Retire this profile for good?")) return;
    await cts.api("POST", `/api/v1/profiles/${encodeURIComponent(id())}/retire`);
    location.reload();
}));

const percent = v => v == null ? "–" : (v * 100).toFixed(1) + " %";
const day = iso => iso ? iso.slice(0, 10) : "–";

document.getElementById("backtest")?.addEventListener("click", e => act(e.currentTarget, async () => {
    const query = new URLSearchParams();
    const from = document.getElementById("bt-from").value, to = document.getElementById("bt-to").value;
    if (from) query.set("from", at(from));
    if (to) query.set("to", at(to));
    const lines = await cts.api("POST", `/api/v1/profiles/${encodeURIComponent(id())}/backtest?${query}`);
    const rows = lines.map(l => `<tr><td>${cts.escape(l.name)}</td><td class="num">${l.consignments}</td><td class="num" data-testid="bt-hits">${l.hit}</td>
        <td class="num">${percent(l.hitShare)}</td><td class="num">${l.examinedHits}</td><td class="num">${l.irregularHits}</td><td class="num">${percent(l.hitRate)}</td>
        <td>${day(l.firstArrival)} – ${day(l.lastArrival)}</td></tr>`).join("");
    const samples = lines[0].samples ?? [];
    const sampleRows = samples.map(s => `<tr><td><a href="/consignments/${encodeURIComponent(s.documentKey)}">${cts.escape(s.documentNumber)}</a></td><td>${day(s.arrival)}</td>
        <td>${s.irregular == null ? "not examined" : s.irregular ? "irregular" : "compliant"}</td>
        <td>${s.evidence.map(v => `<span class="tag">${cts.escape(v.field)} = ${cts.escape(v.value)}</span>`).join(" ")}</td></tr>`).join("");
    document.getElementById("backtest-result").innerHTML = `
        <table><thead><tr><th>Run</th><th class="num">Consignments</th><th class="num">Hits</th><th class="num">Share hit</th><th class="num">Examined</th><th class="num">Irregular</th><th class="num">Hit rate</th><th>Arrivals</th></tr></thead>
        <tbody>${rows}</tbody></table>
        <h3>Sample hits (${samples.length})</h3>
        ${samples.length ? `<table data-testid="bt-samples"><thead><tr><th>Document</th><th>Arrival</th><th>Examination</th><th>Why</th></tr></thead><tbody>${sampleRows}</tbody></table>` : `<p class="muted">No consignment in the window meets the criteria.</p>`}`;
}));

const saved = new URLSearchParams(location.search).get("saved");
if (saved) say(`Draft saved as version ${saved}.`, true);
