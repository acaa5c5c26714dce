// Draws the statistics charts as SVG from each .ontask-chart element's data-chart JSON:
// numbers get a histogram and a box plot, other values a bar chart; a learner's value
// (chart.mark) is drawn in red. No library, no network: the page's CSP allows only 'self'.
(function () {
	'use strict';
	var SVG = 'http://www.w3.org/2000/svg';
	var WIDTH = 360, HEIGHT = 160, PAD = 28;

	function el(name, attrs, text) {
		var node = document.createElementNS(SVG, name);
		Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
		if (text !== undefined) { node.textContent = text; }
		return node;
	}

	function svg(height) {
		return el('svg', { viewBox: '0 0 ' + WIDTH + ' ' + height, width: '100%', class: 'd-block' });
	}

	function short(value) {
		var n = Number(value);
		if (!isFinite(n)) { return String(value); }
		return Math.abs(n) >= 1e5 || (n !== 0 && Math.abs(n) < 1e-3) ? n.toExponential(2) : String(+n.toFixed(3));
	}

	function histogram(chart) {
		var bins = chart.bins || [];
		if (!bins.length) { return null; }
		var box = svg(HEIGHT);
		var max = Math.max.apply(null, bins.map(function (b) { return b.count; })) || 1;
		var low = bins[0].low, high = bins[bins.length - 1].high, span = (high - low) || 1;
		var w = (WIDTH - 2 * PAD) / bins.length, h = HEIGHT - 2 * PAD;
		bins.forEach(function (b, i) {
			var bh = h * b.count / max;
			var bar = el('rect', { x: PAD + i * w + 1, y: PAD + h - bh, width: Math.max(w - 2, 1), height: bh, fill: '#4e79a7' });
			bar.appendChild(el('title', {}, short(b.low) + ' – ' + short(b.high) + ': ' + b.count));
			box.appendChild(bar);
		});
		box.appendChild(el('line', { x1: PAD, y1: PAD + h, x2: WIDTH - PAD, y2: PAD + h, stroke: '#333' }));
		box.appendChild(el('text', { x: PAD, y: HEIGHT - 8, 'font-size': 10 }, short(low)));
		box.appendChild(el('text', { x: WIDTH - PAD, y: HEIGHT - 8, 'font-size': 10, 'text-anchor': 'end' }, short(high)));
		box.appendChild(el('text', { x: 2, y: PAD - 6, 'font-size': 10 }, String(max)));
		if (typeof chart.mark === 'number') {
			var x = PAD + (WIDTH - 2 * PAD) * (chart.mark - low) / span;
			box.appendChild(el('line', { x1: x, y1: PAD - 4, x2: x, y2: PAD + h, stroke: '#d62728', 'stroke-width': 2, class: 'ontask-mark' }));
		}
		return box;
	}

	function boxPlot(chart) {
		var b = chart.box;
		if (!b) { return null; }
		var height = 60, box = svg(height), span = (b.max - b.min) || 1;
		function x(v) { return PAD + (WIDTH - 2 * PAD) * (v - b.min) / span; }
		var mid = 28;
		box.appendChild(el('line', { x1: x(b.min), y1: mid, x2: x(b.q1), y2: mid, stroke: '#333' }));
		box.appendChild(el('line', { x1: x(b.q3), y1: mid, x2: x(b.max), y2: mid, stroke: '#333' }));
		box.appendChild(el('rect', { x: x(b.q1), y: mid - 12, width: Math.max(x(b.q3) - x(b.q1), 1), height: 24, fill: '#a0cbe8', stroke: '#333' }));
		box.appendChild(el('line', { x1: x(b.median), y1: mid - 12, x2: x(b.median), y2: mid + 12, stroke: '#333', 'stroke-width': 2 }));
		[b.min, b.max].forEach(function (v) {
			box.appendChild(el('line', { x1: x(v), y1: mid - 6, x2: x(v), y2: mid + 6, stroke: '#333' }));
		});
		box.appendChild(el('text', { x: x(b.min), y: height - 4, 'font-size': 10 }, short(b.min)));
		box.appendChild(el('text', { x: x(b.max), y: height - 4, 'font-size': 10, 'text-anchor': 'end' }, short(b.max)));
		if (typeof chart.mark === 'number') {
			box.appendChild(el('circle', { cx: x(chart.mark), cy: mid, r: 5, fill: '#d62728', class: 'ontask-mark' }));
		}
		return box;
	}

	function bars(chart) {
		var data = (chart.bars || []).slice(0, 15);
		if (!data.length) { return null; }
		var row = 18, height = data.length * row + 8, box = svg(height);
		var max = Math.max.apply(null, data.map(function (b) { return b.count; })) || 1;
		var left = 110, w = WIDTH - left - 40;
		data.forEach(function (b, i) {
			var marked = chart.mark !== undefined && chart.mark === b.label;
			var label = b.label.length > 16 ? b.label.slice(0, 15) + '…' : b.label;
			box.appendChild(el('text', { x: left - 4, y: i * row + 16, 'font-size': 11, 'text-anchor': 'end' }, label));
			var bar = el('rect', { x: left, y: i * row + 5, width: Math.max(w * b.count / max, 1), height: row - 4,
				fill: marked ? '#d62728' : '#4e79a7', class: marked ? 'ontask-mark' : '' });
			bar.appendChild(el('title', {}, b.label + ': ' + b.count));
			box.appendChild(bar);
			box.appendChild(el('text', { x: left + w * b.count / max + 4, y: i * row + 16, 'font-size': 11 }, String(b.count)));
		});
		return box;
	}

	document.querySelectorAll('.ontask-chart[data-chart]').forEach(function (holder) {
		var chart;
		try { chart = JSON.parse(holder.getAttribute('data-chart')); } catch (e) { return; }
		var parts = chart.kind === 'numeric' ? [histogram(chart), boxPlot(chart)] : [bars(chart)];
		parts.forEach(function (part) { if (part) { holder.appendChild(part); } });
	});
})();
