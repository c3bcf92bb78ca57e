// The effectiveness page's charts, from the profile's days written into the page.
"use strict";
(() => {
    const days = JSON.parse(document.getElementById("profile-days").textContent);
    const x = { type: "category", data: days.map(d => d.day) };
    const none = days.length === 0 ? "The profile has hit no consignment in force yet." : null;
    ctsCharts.draw(document.getElementById("chart-days"), {
        xAxis: x, yAxis: { type: "value", minInterval: 1 },
        series: [
            { name: "Hits", type: "bar", data: days.map(d => d.hits) },
            { name: "Examined", type: "bar", data: days.map(d => d.examined) },
            { name: "Positives", type: "bar", data: days.map(d => d.positives) },
        ],
    }, none);
    let examined = 0, positives = 0;
    const rate = days.map(d => { examined += d.examined; positives += d.positives; return examined === 0 ? null : ctsCharts.percent(positives / examined); });
    ctsCharts.draw(document.getElementById("chart-rate"), {
        xAxis: x,
        yAxis: [{ type: "value", name: "hit rate %", max: 100 }, { type: "value", name: "revenue" }],
        series: [
            { name: "Hit rate so far (%)", type: "line", connectNulls: true, data: rate },
            { name: "Revenue recovered", type: "bar", yAxisIndex: 1, data: days.map(d => d.revenueRecovered) },
        ],
    }, none);
})();
