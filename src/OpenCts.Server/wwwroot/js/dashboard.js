// The dashboard's charts, each read from a report endpoint.
"use strict";
(async () => {
    const el = id => document.getElementById(id);
    const board = el("dashboard");
    try {
        const [volumes, profiles, threats, model] = await Promise.all([
            cts.api("GET", "/api/v1/reports/volumes"), cts.api("GET", "/api/v1/reports/profiles"),
            cts.api("GET", "/api/v1/reports/threats"), cts.api("GET", "/api/v1/reports/model"),
        ]);
        const days = { type: "category", data: volumes.days };
        const count = { type: "value", minInterval: 1 };
        const noTraffic = volumes.days.length === 0 ? "No consignment is in force." : null;
        const stacked = (series, top) => series.slice(0, top).map(s => ({ name: s.name, type: "bar", stack: "all", data: s.counts }));
        ctsCharts.draw(el("chart-lanes"), { xAxis: days, yAxis: count, series: stacked(volumes.lanes) }, noTraffic);
        ctsCharts.draw(el("chart-modes"), { xAxis: days, yAxis: count, series: stacked(volumes.modes) }, noTraffic);
        // The busiest ports each get a line; the rest are summed, so the chart stays readable.
        const ports = volumes.ports.slice(0, 6).map(s => ({ name: s.name, type: "line", data: s.counts }));
        if (volumes.ports.length > 6) {
            ports.push({ name: "other ports", type: "line", data: volumes.days.map((_, i) => volumes.ports.slice(6).reduce((sum, s) => sum + s.counts[i], 0)) });
        }
        ctsCharts.draw(el("chart-ports"), { xAxis: days, yAxis: count, series: ports }, noTraffic);

        const rates = (rows, name) => ({
            tooltip: { trigger: "axis" },
            xAxis: { type: "category", data: rows.map(name), axisLabel: { rotate: 35, interval: 0 } },
            yAxis: [{ type: "value", name: "hits", minInterval: 1 }, { type: "value", name: "hit rate %", max: 100 }],
            series: [
                { name: "Hits", type: "bar", data: rows.map(r => r.hits) },
                { name: "Examined", type: "bar", data: rows.map(r => r.examined) },
                { name: "Hit rate (%)", type: "line", yAxisIndex: 1, connectNulls: true, data: rows.map(r => ctsCharts.percent(r.hitRate)) },
            ],
        });
        const hitProfiles = profiles.filter(p => p.hits > 0);
        ctsCharts.draw(el("chart-profiles"), rates(hitProfiles, p => p.profileId), hitProfiles.length ? null : "No profile has hit a consignment in force.");
        ctsCharts.draw(el("chart-threats"), rates(threats, t => t.threat), threats.length ? null : "No profile has hit a consignment in force.");
        ctsCharts.draw(el("chart-model"), {
            xAxis: { type: "category", data: model.map(p => p.day) },
            yAxis: [{ type: "value", name: "precision %", max: 100 }, { type: "value", name: "examined", minInterval: 1 }],
            series: [
                { name: "Precision that day (%)", type: "line", data: model.map(p => ctsCharts.percent(p.precision)) },
                { name: "Precision so far (%)", type: "line", data: model.map(p => ctsCharts.percent(p.cumulativePrecision)) },
                { name: "Examined", type: "bar", yAxisIndex: 1, data: model.map(p => p.examined) },
            ],
        }, model.length ? null : "No consignment the risk model put forward has been examined yet.");
        board.dataset.chartsReady = "true";
    } catch (error) {
        const message = el("dashboard-error");
        message.textContent = "The reports could not be read: " + error.message;
        message.hidden = false;
        board.dataset.chartsReady = "failed";
    }
})();
