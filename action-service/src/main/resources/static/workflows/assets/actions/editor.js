// A small rich-text editor for action messages (contenteditable): bold, italic,
// underline, headings, lists, links, and buttons that insert a column, an attribute, a
// condition block around the selection, and the report/rubric macros. The HTML goes
// into the textarea named by data-textarea, which can also be edited directly.
(function () {
	'use strict';

	function el(tag, attrs, text) {
		var node = document.createElement(tag);
		Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
		if (text !== undefined) { node.textContent = text; }
		return node;
	}

	// what the stored HTML may not bring into this page (the server renders messages in
	// a sandbox; this keeps the editor itself clean too)
	function clean(html) {
		var doc = new DOMParser().parseFromString('<div>' + html + '</div>', 'text/html');
		doc.querySelectorAll('script,iframe,object,embed,style,link,meta').forEach(function (n) { n.remove(); });
		doc.querySelectorAll('*').forEach(function (n) {
			Array.prototype.slice.call(n.attributes).forEach(function (a) {
				if (/^on/i.test(a.name) || /^\s*javascript:/i.test(a.value)) { n.removeAttribute(a.name); }
			});
		});
		return doc.body.firstChild.innerHTML;
	}

	function start(box) {
		var textarea = document.getElementById(box.getAttribute('data-textarea'));
		if (!textarea) { return; }
		function list(name) {
			try { return JSON.parse(box.getAttribute(name) || '[]'); } catch (e) { return []; }
		}
		var columns = list('data-columns').map(function (c) { return c.name; });
		var attributes = list('data-attributes');
		var conditions = list('data-conditions');
		var type = box.getAttribute('data-type');

		var toolbar = el('div', { 'class': 'btn-toolbar gap-1 mb-1', role: 'toolbar', 'aria-label': 'Formatting' });
		var area = el('div', { 'class': 'form-control', contenteditable: 'true', role: 'textbox',
			'aria-multiline': 'true', 'aria-label': 'Message', 'data-testid': 'editor' });
		area.style.minHeight = '16rem';
		area.innerHTML = clean(textarea.value);
		var saved = null;

		function remember() {
			var selection = window.getSelection();
			if (selection.rangeCount && area.contains(selection.getRangeAt(0).commonAncestorContainer)) {
				saved = selection.getRangeAt(0).cloneRange();
			}
		}
		function restore() {
			area.focus();
			if (saved) {
				var selection = window.getSelection();
				selection.removeAllRanges();
				selection.addRange(saved);
			}
		}
		function sync() { textarea.value = area.innerHTML; }
		function command(name, value) { restore(); document.execCommand(name, false, value); sync(); }
		function insert(text) { restore(); document.execCommand('insertText', false, text); sync(); }
		function wrap(before, after) {
			restore();
			var selection = window.getSelection();
			if (!selection.rangeCount) { return; }
			var range = selection.getRangeAt(0);
			var end = range.cloneRange();
			end.collapse(false);
			end.insertNode(document.createTextNode(after));
			range.collapse(true);
			range.insertNode(document.createTextNode(before));
			sync();
		}
		function button(label, title, action) {
			var b = el('button', { type: 'button', 'class': 'btn btn-sm btn-outline-secondary', title: title }, label);
			b.addEventListener('mousedown', function (e) { e.preventDefault(); });
			b.addEventListener('click', action);
			toolbar.appendChild(b);
			return b;
		}
		function menu(label, names, action) {
			if (!names.length) { return; }
			var select = el('select', { 'class': 'form-select form-select-sm w-auto', 'aria-label': label });
			select.appendChild(el('option', { value: '' }, label));
			names.forEach(function (n) { select.appendChild(el('option', { value: n }, n)); });
			select.addEventListener('change', function () {
				if (select.value) { action(select.value); }
				select.value = '';
			});
			toolbar.appendChild(select);
		}

		button('B', 'Bold', function () { command('bold'); });
		button('I', 'Italic', function () { command('italic'); });
		button('U', 'Underline', function () { command('underline'); });
		button('H', 'Heading', function () { command('formatBlock', 'h3'); });
		button('¶', 'Paragraph', function () { command('formatBlock', 'p'); });
		button('• list', 'Bulleted list', function () { command('insertUnorderedList'); });
		button('1. list', 'Numbered list', function () { command('insertOrderedList'); });
		button('link', 'Link', function () {
			var url = window.prompt('Link address (https://…)');
			if (url && /^(https?:|mailto:)/i.test(url)) { command('createLink', url); }
		});
		menu('Insert column', columns, function (n) { insert('{{ ' + n + ' }}'); });
		menu('Insert attribute', attributes, function (n) { insert('{{ ' + n + ' }}'); });
		menu('Condition block', conditions, function (n) { wrap('{% if ' + n + ' %}', '{% endif %}'); });
		if (type === 'email_report' && columns.length) {
			button('report', 'Insert a table of columns', function () {
				var wanted = window.prompt('Columns to list, separated by commas', columns.slice(0, 2).join(', '));
				if (wanted) {
					insert('{% ot_insert_report ' + wanted.split(',').map(function (c) {
						return '"' + c.trim().replace(/"/g, '') + '"';
					}).join(' ') + ' %}');
				}
			});
		}
		if (type === 'rubric_text') {
			button('rubric feedback', 'Insert the rubric feedback', function () { insert('{% ot_insert_rubric_feedback %}'); });
		}
		var source = button('HTML', 'Edit the HTML', function () {
			if (textarea.hidden) {
				sync();
				textarea.hidden = false;
				area.hidden = true;
				source.classList.add('active');
			}
			else {
				area.innerHTML = clean(textarea.value);
				textarea.hidden = true;
				area.hidden = false;
				source.classList.remove('active');
			}
		});

		['keyup', 'mouseup', 'blur'].forEach(function (name) { area.addEventListener(name, remember); });
		area.addEventListener('input', sync);
		textarea.form.addEventListener('submit', function () { if (textarea.hidden) { sync(); } });
		box.appendChild(toolbar);
		box.appendChild(area);
		textarea.hidden = true;
	}

	document.querySelectorAll('.ontask-editor').forEach(start);
}());
