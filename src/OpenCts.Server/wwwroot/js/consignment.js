// The consignment page: the examination kind is asked only when the action is "examine".
"use strict";
(() => {
    const action = document.getElementById("decision-action");
    const kind = document.getElementById("kind-field");
    if (!action || !kind) return;
    const show = () => { kind.hidden = action.value !== "examine"; };
    action.addEventListener("change", show);
    show();
})();
