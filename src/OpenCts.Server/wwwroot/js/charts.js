// Charts of the dashboard and the effectiveness page: ECharts with its aria option, so screen readers get a description.
"use strict";
window.ctsCharts = (() => {
    const palette = ["#12355b", "#b3261e", "#f2b134", "#1e6b34", "#1f5fa8", "#7b2d9b", "#00707a", "#9a4b00", "#56606d"];
    const charts = [];

    // Draws a chart in an element; a chart with no data says so in words instead.
    function draw(element, option, empty) {
        if (empty) {
            element.innerHTML = `<p class="muted">${cts.escape(empty)}</p>`;
            element.dataset.chart = "empty";
            return null;
        }
        const chart = echarts.init(element, null, { renderer: "canvas" });
        chart.setOption({
            aria: { enabled: true, decal: { show: true } },
            color: palette,
            animation: false,
            tooltip: { trigger: "axis" },
            legend: { type: "scroll", top: 0 },
            grid: { left: 16, right: 40, top: 64, bottom: 16, containLabel: true },
            ...option,
        });
        element.dataset.chart = "drawn";
        charts.push(chart);
        return chart;
    }

    window.addEventListener("resize", () => charts.forEach(c => c.resize()));
    const percent = v => v == null ? null : Math.round(v * 1000) / 10;
    return { draw, percent };
})();
