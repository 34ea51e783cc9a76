/* Draws the report's charts with Chart.js from the JSON in #report-data. No network, no globals
 * beyond Chart. Sets data-charts-rendered on <body> to the number of charts drawn. */
(function () {
  'use strict';
  // Okabe-Ito: distinguishable with the common colour-vision deficiencies.
  var PALETTE = ['#0072B2', '#009E73', '#E69F00', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'];
  var data = JSON.parse(document.getElementById('report-data').textContent);

  function fixed(v, digits) { return Number(v).toFixed(digits); }

  // x in "number of nines": 1 -> 90%, 2 -> 99%, 3 -> 99.9%.
  function ninesLabel(v) {
    if (v === 0) { return '0%'; }
    var pct = 100 - 100 / Math.pow(10, v);
    var decimals = Math.max(0, Math.ceil(v) - 2);
    return fixed(pct, decimals) + '%';
  }

  function millisLabel(v) {
    if (v >= 1000) { return fixed(v / 1000, v % 1000 === 0 ? 0 : 1) + ' s'; }
    if (v >= 1) { return String(Math.round(v * 1000) / 1000) + ' ms'; }
    return fixed(v * 1000, 0) + ' \u00b5s';
  }

  var dropMarker = window.DropnightDropMarker;

  function datasets(spec) {
    return spec.series.map(function (s) {
      var colour = PALETTE[s.colour % PALETTE.length];
      return {
        label: s.label,
        data: s.points.map(function (p) { return { x: p[0], y: p[1] }; }),
        borderColor: colour,
        backgroundColor: colour,
        borderDash: s.dashed ? [8, 4] : [],
        borderWidth: 2,
        pointRadius: spec.kind === 'percentiles' ? 1.5 : 0,
        stepped: false,
        tension: 0
      };
    });
  }

  function percentileOptions(spec) {
    var maxNines = 1;
    spec.series.forEach(function (s) {
      s.points.forEach(function (p) { maxNines = Math.max(maxNines, Math.ceil(p[0])); });
    });
    return {
      x: { type: 'linear', min: 0, max: maxNines,
           title: { display: true, text: 'percentile (number of nines: 90%, 99%, 99.9%, ...)' },
           ticks: { stepSize: 1, callback: function (v) { return ninesLabel(v); } } },
      y: { type: 'logarithmic', title: { display: true, text: spec.yTitle },
           ticks: { callback: function (v) {
             var exp = Math.log10(v);
             return Math.abs(exp - Math.round(exp)) < 1e-9 ? millisLabel(v) : '';
           } } }
    };
  }

  function timelineOptions(spec) {
    return {
      x: { type: 'linear', title: { display: true, text: spec.kind === 'timeline-from-drop'
          ? 'time since the drop (s)' : 'time since the run started (s)' } },
      y: { type: 'linear', beginAtZero: true, title: { display: true, text: spec.yTitle } }
    };
  }

  function tooltipLabel(spec) {
    return function (item) {
      var x = item.parsed.x;
      var y = item.parsed.y;
      if (spec.kind === 'percentiles') {
        return item.dataset.label + ': ' + millisLabel(y) + ' at ' + fixed(100 - 100 / Math.pow(10, x), 4) + '%';
      }
      return item.dataset.label + ': ' + fixed(y, 2) + ' at ' + fixed(x, 1) + ' s';
    };
  }

  function config(spec) {
    return {
      type: 'line',
      data: { datasets: datasets(spec) },
      plugins: [dropMarker],
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        locale: 'en-US',
        parsing: false,
        scales: spec.kind === 'percentiles' ? percentileOptions(spec) : timelineOptions(spec),
        plugins: {
          title: { display: true, text: spec.title, font: { size: 14 } },
          legend: { position: 'bottom' },
          tooltip: { callbacks: { label: tooltipLabel(spec) } },
          dropMarker: { at: spec.dropAtSec }
        }
      }
    };
  }

  var rendered = 0;
  data.charts.forEach(function (spec) {
    try {
      var chart = new Chart(document.getElementById(spec.id), config(spec));
      // How many points the chart holds, for a browser test to compare with the page's data.
      var points = chart.data.datasets.reduce(function (n, d) { return n + d.data.length; }, 0);
      chart.canvas.setAttribute('data-points', String(points));
      rendered += 1;
    } catch (e) {
      console.error('chart ' + spec.id + ' failed: ' + e);
    }
  });
  document.body.setAttribute('data-charts-rendered', String(rendered));
}());
