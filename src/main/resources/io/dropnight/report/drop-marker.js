/*
 * The drop's dashed line on a time chart (a Chart.js plugin, options {at: x}), shared by the run's
 * report and its live page: both pages inline this before their own script.
 */
window.DropnightDropMarker = {
  id: 'dropMarker',
  afterDatasetsDraw: function (chart, args, opts) {
    if (opts.at === null || opts.at === undefined) { return; }
    var x = chart.scales.x.getPixelForValue(opts.at);
    var area = chart.chartArea;
    if (x < area.left || x > area.right) { return; }
    var ctx = chart.ctx;
    ctx.save();
    ctx.strokeStyle = '#000000';
    ctx.lineWidth = 2;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.moveTo(x, area.top);
    ctx.lineTo(x, area.bottom);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = '#000000';
    ctx.font = 'bold 12px sans-serif';
    ctx.fillText('\u25bc drop', x + 4, area.top + 12);
    ctx.restore();
  }
};
