/* The live page: reads live.js (window.DROPNIGHT_LIVE) again every second by adding a <script>
 * (fetch() is refused on file://), updates its figures and charts in place, and replaces itself
 * with the run's report once the data names it. Text is only ever set as text. What it drew is
 * on window.dropnightLive (and on each canvas's data-points and data-last-at) for a test to read. */
(function () {
  'use strict';
  // Okabe-Ito, as the report: distinguishable with the common colour-vision deficiencies.
  var PALETTE = ['#0072B2', '#009E73', '#E69F00', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'];
  var OUTCOME_COLOUR = { 'ok': 1, 'error-page': 3, 'failed': 7, 'locked': 2 };
  var PERIOD_MS = 1000;
  var STALE_AFTER_S = 5;
  var GIVE_UP_AFTER = 5; // loads failed in a row: the injector has gone (served over HTTP)
  var body = document.body;
  var source = body.getAttribute('data-live-source');
  var state = { updates: 0, loads: 0, failures: 0, lastAt: null, ended: false, report: null, charts: {} };
  window.dropnightLive = state;
  var charts = {};
  var pending = null;
  var timer = null;

  function byId(id) { return document.getElementById(id); }
  function setText(id, text) { var e = byId(id); if (e) { e.textContent = text; } }
  function present(v) { return v !== null && v !== undefined; }
  function fixed(v, digits) { return present(v) ? Number(v).toFixed(digits) : '\u2013'; }
  function grouped(n) {
    if (!present(n)) { return '\u2013'; }
    return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }
  function two(n) { return (n < 10 ? '0' : '') + n; }
  function clock(seconds) {
    var s = Math.abs(Math.round(seconds));
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    return (h > 0 ? h + ':' + two(m) : two(m)) + ':' + two(s % 60);
  }
  function utc(ms) { return new Date(ms).toISOString().substring(11, 19) + ' UTC'; }

  var dropMarker = window.DropnightDropMarker;

  // Each chart: its series from the data's timeline, [label, column, colour, dashed, axis].
  var SPECS = {
    'live-chart-arrivals': { y: 'viewers per second', series: function (t) {
      return [['arrived', t.arrivals, 0, false], ['planned', t.planned, 7, true]];
    } },
    'live-chart-requests': { y: 'requests per second', series: function (t) {
      return Object.keys(t.requests).map(function (outcome, i) {
        var c = present(OUTCOME_COLOUR[outcome]) ? OUTCOME_COLOUR[outcome] : 4 + i;
        return [outcome, t.requests[outcome], c, false];
      });
    } },
    'live-chart-errors': { y: 'percent of requests', series: function (t) {
      return [['in the second', t.errorPagePercent, 3, false], ['so far (the SLO\u2019s figure)', t.errorPagePercentSoFar, 7, true]];
    } },
    'live-chart-latency': { y: 'milliseconds', series: function (t) {
      return [['p50', t.p50Ms, 1, false], ['p90', t.p90Ms, 2, false], ['p99', t.p99Ms, 3, false]];
    } },
    'live-chart-viewers': { y: 'viewers', series: function (t) {
      return [['in their journeys', t.active, 0, false], ['playing', t.playing, 1, false]];
    } },
    'live-chart-injector': { y: 'percent CPU', y2: 'open files, viewers behind', series: function (t) {
      return [['CPU, % of all cores', t.cpuPercent, 0, false], ['busiest thread, % of one core', t.hotThreadPercent, 5, true],
        ['open files', t.openFiles, 7, false, 'y2'], ['viewers behind the plan', t.lagViewers, 3, true, 'y2']];
    } }
  };

  function makeChart(id) {
    var spec = SPECS[id];
    var canvas = byId(id);
    var scales = {
      x: { type: 'linear', title: { display: true, text: 'seconds since the night started' } },
      y: { type: 'linear', beginAtZero: true, title: { display: true, text: spec.y } }
    };
    if (spec.y2) {
      scales.y2 = { type: 'linear', position: 'right', beginAtZero: true, grid: { drawOnChartArea: false },
        title: { display: true, text: spec.y2 } };
    }
    return new Chart(canvas, {
      type: 'line',
      data: { datasets: [] },
      plugins: [dropMarker],
      options: {
        animation: false, responsive: true, maintainAspectRatio: false, locale: 'en-US', parsing: false,
        scales: scales,
        plugins: {
          title: { display: true, text: canvas.getAttribute('aria-label'), font: { size: 14 } },
          legend: { position: 'bottom' },
          dropMarker: { at: null }
        }
      }
    });
  }

  function drawChart(id, data) {
    var chart = charts[id];
    var t = data.timeline;
    var points = 0;
    var lastAt = null;
    SPECS[id].series(t).forEach(function (s, i) {
      var colour = PALETTE[s[2] % PALETTE.length];
      var ds = chart.data.datasets[i];
      if (!ds || ds.label !== s[0]) {
        ds = { label: s[0], data: [], borderColor: colour, backgroundColor: colour, borderDash: s[3] ? [8, 4] : [],
          borderWidth: 2, pointRadius: 0, tension: 0, yAxisID: s[4] || 'y' };
        chart.data.datasets[i] = ds;
      }
      var column = s[1] || [];
      ds.data = t.t.map(function (x, k) { return { x: x, y: present(column[k]) ? column[k] : null }; });
      column.forEach(function (v, k) {
        if (present(v)) {
          points += 1;
          if (lastAt === null || t.at[k] > lastAt) { lastAt = t.at[k]; }
        }
      });
    });
    chart.options.plugins.dropMarker.at = data.dropAtSecond;
    chart.update('none');
    state.charts[id] = { points: points, lastAt: lastAt };
    chart.canvas.setAttribute('data-points', String(points));
    chart.canvas.setAttribute('data-last-at', lastAt === null ? '' : String(lastAt));
  }

  function drawSlos(slos) {
    var tbody = byId('live-slos').tBodies[0];
    while (tbody.firstChild) { tbody.removeChild(tbody.firstChild); }
    slos.forEach(function (s) {
      var row = tbody.insertRow();
      row.className = s.passed ? 'pass' : 'fail';
      [s.name, s.metric, fixed(s.actual, 3) + ' ' + s.unit, s.comparator + ' ' + fixed(s.threshold, 3) + ' ' + s.unit,
        s.passed ? 'met so far' : 'not met'].forEach(function (text, i) {
        var cell = row.insertCell();
        cell.textContent = text;
        if (i === 2 || i === 3) { cell.className = 'num'; }
      });
    });
  }

  function drawFigures(d) {
    var totals = d.totals;
    setText('live-night', d.night);
    var verdict = byId('live-verdict');
    verdict.className = 'verdict ' + d.verdict;
    verdict.textContent = d.verdict.toUpperCase() + (d.ended ? '' : ' so far');
    var countdown = byId('live-countdown');
    if (present(d.secondsToDrop)) {
      countdown.textContent = (d.secondsToDrop > 0 ? 'T\u2212' : 'T+') + clock(d.secondsToDrop);
      setText('live-countdown-label', d.secondsToDrop > 0 ? 'to the drop' : 'since the drop');
      countdown.parentNode.className = d.secondsToDrop > 0 ? 'countdown' : 'countdown after';
    } else {
      countdown.textContent = '\u2013';
      setText('live-countdown-label', 'no drop known');
    }
    setText('live-viewers', grouped(totals.viewers) + ' / ' + grouped(totals.planned));
    setText('live-active', grouped(totals.active) + ' / ' + grouped(totals.playing));
    setText('live-requests', grouped(totals.requests));
    setText('live-error-rate', fixed(totals.errorPagePercent, 3) + ' %');
    setText('live-starts', grouped(totals.playbackStarts));
    setText('live-gave-up', grouped(totals.gaveUp));
    setText('live-p99', present(d.latency.p99Ms) ? fixed(d.latency.p99Ms, 1) + ' ms' : '\u2013');
    var inj = d.injector;
    setText('live-cpu', inj ? fixed(inj.cpuPercent, 0) + ' %' : '\u2013');
    setText('live-files', inj ? grouped(inj.openFiles) + (inj.openFilesLimit > 0 ? ' / ' + grouped(inj.openFilesLimit) : '') : '\u2013');
    setText('live-lag', inj ? grouped(inj.lagViewers) : '\u2013');
  }

  function apply(d) {
    if (!d || !d.timeline) { return; }
    state.loads += 1;
    state.failures = 0;
    if (d.at !== state.lastAt) { state.updates += 1; }
    state.lastAt = d.at;
    drawFigures(d);
    drawSlos(d.slos);
    Object.keys(charts).forEach(function (id) {
      try {
        drawChart(id, d);
      } catch (e) {
        console.error('live chart ' + id + ' failed: ' + e);
      }
    });
    body.setAttribute('data-live-updates', String(state.updates));
    body.setAttribute('data-live-last-at', String(d.at));
    // a night killed before its end leaves its last figures: say how old they are
    var age = Math.round((Date.now() - d.at) / 1000);
    var stale = !d.ended && age > STALE_AFTER_S;
    setText('live-status', 'figures of ' + utc(d.at) + (d.ended ? ', the night has ended'
      : stale ? ', none newer for ' + age + ' s' : ', read every second'));
    byId('live-status').className = stale ? 'stale' : '';
    if (d.ended) { end(d); }
  }

  function end(d) {
    state.ended = true;
    if (d.report) {
      state.report = d.report;
      stop();
      if (location.protocol === 'file:') {
        location.replace(d.report);
      } else {
        // the injector serves only this page; the report is a file of its run folder
        setText('live-status', 'the night has ended: its report is ' + d.report + ' in the run folder');
      }
    } else if (d.reportNote) {
      stop();
      setText('live-status', 'the night has ended without a report: ' + d.reportNote);
    } else {
      setText('live-status', 'the night has ended; its report is being written');
    }
  }

  function stop() {
    if (timer !== null) { clearInterval(timer); timer = null; }
  }

  function done(script) {
    if (script.parentNode) { script.parentNode.removeChild(script); }
    pending = null;
  }

  function load() {
    if (pending !== null) { return; }
    var script = document.createElement('script');
    pending = script;
    script.onload = function () { done(script); apply(window.DROPNIGHT_LIVE); };
    script.onerror = function () {
      done(script);
      state.failures += 1;
      if (state.failures >= GIVE_UP_AFTER) {
        stop();
        setText('live-status', 'no figures for ' + GIVE_UP_AFTER + ' s: the night has ended or its injector stopped');
        byId('live-status').className = 'stale';
      }
    };
    script.src = source + '?t=' + Date.now();
    document.head.appendChild(script);
  }

  var created = 0;
  Object.keys(SPECS).forEach(function (id) {
    try {
      charts[id] = makeChart(id);
      created += 1;
    } catch (e) {
      console.error('live chart ' + id + ' failed: ' + e);
    }
  });
  body.setAttribute('data-live-charts', String(created));
  load();
  timer = setInterval(load, PERIOD_MS);
}());
