// The entity page's network: the entity, its records' consignments and its counterparties, drawn by ECharts with a force
// layout. The table beside it holds the same nodes as links, so the graph is never the only way to reach them.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
    const element = document.getElementById("entity-graph");
    if (!element || typeof echarts === "undefined") {
        return;
    }
    const graph = JSON.parse(element.dataset.graph);
    const style = { entity: { color: "#12355b", size: 34 }, consignment: { color: "#f2b134", size: 18 }, counterparty: { color: "#b3261e", size: 24 } };
    const chart = echarts.init(element, null, { renderer: "canvas" });
    chart.setOption({
        aria: { enabled: true, decal: { show: true } },
        animation: false,
        tooltip: { formatter: p => p.dataType === "node" ? cts.escape(`${p.data.kind}: ${p.data.title}`) : "" },
        legend: { data: ["entity", "consignment", "counterparty"], top: 0 },
        series: [{
            type: "graph",
            layout: "force",
            roam: true,
            draggable: true,
            // Laid out before the first frame, so the picture (and a screenshot) shows the settled network, not a moment of it.
            force: { repulsion: 500, gravity: 0.15, edgeLength: [90, 160], layoutAnimation: false },
            zoom: 1.2,
            categories: [{ name: "entity" }, { name: "consignment" }, { name: "counterparty" }],
            label: { show: true, position: "right", fontSize: 11 },
            lineStyle: { color: "#56606d", width: 1.5 },
            data: graph.nodes.map(n => ({
                ...n,
                // Labels stay short so they do not run into each other; the tooltip and the table give the whole name.
                title: n.name,
                name: n.label,
                category: n.kind,
                symbolSize: style[n.kind].size,
                itemStyle: { color: style[n.kind].color },
            })),
            links: graph.links.map(l => ({ ...l, lineStyle: l.value ? { width: Math.min(6, 1 + l.value) } : undefined })),
        }],
        color: [style.entity.color, style.consignment.color, style.counterparty.color],
    });
    chart.on("click", p => {
        if (p.dataType === "node" && p.data.href) {
            window.location.href = p.data.href;
        }
    });
    window.addEventListener("resize", () => chart.resize());
    requestAnimationFrame(() => { element.dataset.ready = "true"; });
});
