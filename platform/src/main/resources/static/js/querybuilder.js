// A small query builder: nested AND/OR groups (optionally negated) of rules over the
// table's columns, serialised to the original OnTask's formula JSON (jQuery QueryBuilder
// rules) into the textarea named by data-input. The server checks every formula again.
// Shared by action-service's action pages and dataops-service's view form: each service
// serves this one copy under its own asset folder, /workflows/assets/actions/ and
// /workflows/assets/views/ (see PlatformWebAutoConfiguration#sharedScripts).
(function () {
	'use strict';
	var OPERATORS = [
		['equal', 'equals', 1, 'all'], ['not_equal', 'does not equal', 1, 'all'],
		['less', '<', 1, 'ordered'], ['less_or_equal', '≤', 1, 'ordered'],
		['greater', '>', 1, 'ordered'], ['greater_or_equal', '≥', 1, 'ordered'],
		['between', 'between', 2, 'ordered'], ['not_between', 'not between', 2, 'ordered'],
		['begins_with', 'begins with', 1, 'string'], ['not_begins_with', 'does not begin with', 1, 'string'],
		['contains', 'contains', 1, 'string'], ['not_contains', 'does not contain', 1, 'string'],
		['ends_with', 'ends with', 1, 'string'], ['not_ends_with', 'does not end with', 1, 'string'],
		['is_empty', 'is empty', 0, 'string'], ['is_not_empty', 'is not empty', 0, 'string'],
		['is_null', 'is null', 0, 'all'], ['is_not_null', 'is not null', 0, 'all']
	];

	function operatorsFor(type) {
		return OPERATORS.filter(function (op) {
			return op[3] === 'all' || (op[3] === 'string' && type === 'string')
				|| (op[3] === 'ordered' && (type === 'integer' || type === 'double' || type === 'datetime'));
		});
	}

	function operator(name) {
		return OPERATORS.filter(function (op) { return op[0] === name; })[0] || OPERATORS[0];
	}

	function el(tag, attrs, text) {
		var node = document.createElement(tag);
		Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
		if (text !== undefined) { node.textContent = text; }
		return node;
	}

	function option(select, value, label, selected) {
		var opt = el('option', { value: value }, label);
		if (selected) { opt.selected = true; }
		select.appendChild(opt);
	}

	function Builder(container, input, columns) {
		this.container = container;
		this.input = input;
		this.columns = columns;
	}

	Builder.prototype.column = function (name) {
		return this.columns.filter(function (c) { return c.name === name; })[0];
	};

	Builder.prototype.group = function (data, root) {
		var self = this;
		var box = el('div', { 'class': 'border rounded p-2 mb-2 ontask-qb-group', 'data-qb': 'group' });
		var head = el('div', { 'class': 'd-flex flex-wrap gap-2 align-items-center mb-2' });
		var join = el('select', { 'class': 'form-select form-select-sm w-auto', 'data-qb': 'condition', 'aria-label': 'Combine rules with' });
		option(join, 'AND', 'all of (AND)', data.condition !== 'OR');
		option(join, 'OR', 'any of (OR)', data.condition === 'OR');
		var notLabel = el('label', { 'class': 'form-check-label small' });
		var not = el('input', { type: 'checkbox', 'class': 'form-check-input me-1', 'data-qb': 'not' });
		not.checked = !!data.not;
		notLabel.appendChild(not);
		notLabel.appendChild(document.createTextNode('NOT'));
		var addRule = el('button', { type: 'button', 'class': 'btn btn-sm btn-outline-primary' }, '+ rule');
		var addGroup = el('button', { type: 'button', 'class': 'btn btn-sm btn-outline-primary' }, '+ group');
		head.appendChild(join);
		head.appendChild(notLabel);
		head.appendChild(addRule);
		head.appendChild(addGroup);
		if (!root) {
			var remove = el('button', { type: 'button', 'class': 'btn btn-sm btn-outline-danger' }, 'remove group');
			remove.addEventListener('click', function () { box.remove(); self.sync(); });
			head.appendChild(remove);
		}
		var rules = el('div', { 'data-qb': 'rules', 'class': 'ms-2' });
		box.appendChild(head);
		box.appendChild(rules);
		(data.rules || []).forEach(function (child) {
			rules.appendChild(child.condition ? self.group(child, false) : self.rule(child));
		});
		addRule.addEventListener('click', function () { rules.appendChild(self.rule({})); self.sync(); });
		addGroup.addEventListener('click', function () {
			rules.appendChild(self.group({ condition: 'AND', rules: [] }, false));
			self.sync();
		});
		return box;
	};

	Builder.prototype.rule = function (data) {
		var self = this;
		var row = el('div', { 'class': 'd-flex flex-wrap gap-2 align-items-center mb-2', 'data-qb': 'rule' });
		var field = el('select', { 'class': 'form-select form-select-sm w-auto', 'data-qb': 'field', 'aria-label': 'Column' });
		this.columns.forEach(function (c, i) {
			option(field, c.name, c.name, data.field ? c.name === data.field : i === 0);
		});
		if (data.field && !this.column(data.field)) {
			option(field, data.field, data.field + ' (no longer in the table)', true);
		}
		var op = el('select', { 'class': 'form-select form-select-sm w-auto', 'data-qb': 'operator', 'aria-label': 'Operator' });
		var values = el('span', { 'class': 'd-flex gap-1', 'data-qb': 'values' });
		var remove = el('button', { type: 'button', 'class': 'btn btn-sm btn-outline-danger', 'aria-label': 'Remove rule' }, '×');
		row.appendChild(field);
		row.appendChild(op);
		row.appendChild(values);
		row.appendChild(remove);
		var current = data.value;

		function fillOperators() {
			var column = self.column(field.value) || { type: 'string' };
			var chosen = op.value || data.operator;
			op.innerHTML = '';
			operatorsFor(column.type).forEach(function (o) { option(op, o[0], o[1], o[0] === chosen); });
		}

		function fillValues() {
			var column = self.column(field.value) || { type: 'string', categories: [] };
			var count = operator(op.value)[2];
			var old = Array.isArray(current) ? current : (current === undefined || current === null ? [] : [current]);
			values.innerHTML = '';
			for (var i = 0; i < count; i++) {
				var input;
				if (column.type === 'boolean') {
					input = el('select', { 'class': 'form-select form-select-sm w-auto' });
					option(input, 'true', 'true', String(old[i]) !== 'false');
					option(input, 'false', 'false', String(old[i]) === 'false');
				}
				else if (column.categories && column.categories.length) {
					input = el('select', { 'class': 'form-select form-select-sm w-auto' });
					column.categories.forEach(function (c) { option(input, String(c), String(c), String(old[i]) === String(c)); });
				}
				else {
					var type = (column.type === 'integer' || column.type === 'double') ? 'number' : 'text';
					input = el('input', { 'class': 'form-control form-control-sm w-auto', type: type, step: 'any' });
					input.value = old[i] !== undefined && old[i] !== null ? old[i] : '';
					if (column.type === 'datetime') { input.placeholder = 'YYYY-MM-DD HH:mm:ss'; }
				}
				input.setAttribute('data-qb', 'value');
				input.setAttribute('aria-label', 'Value');
				values.appendChild(input);
			}
		}

		fillOperators();
		fillValues();
		field.addEventListener('change', function () { current = undefined; fillOperators(); fillValues(); self.sync(); });
		op.addEventListener('change', function () { fillValues(); self.sync(); });
		remove.addEventListener('click', function () { row.remove(); self.sync(); });
		return row;
	};

	Builder.prototype.serialise = function (box) {
		var self = this;
		var rules = [];
		Array.prototype.forEach.call(box.querySelector('[data-qb=rules]').children, function (child) {
			if (child.getAttribute('data-qb') === 'group') {
				rules.push(self.serialise(child));
				return;
			}
			var name = child.querySelector('[data-qb=field]').value;
			var column = self.column(name) || { type: 'string' };
			var opName = child.querySelector('[data-qb=operator]').value;
			var vals = Array.prototype.map.call(child.querySelectorAll('[data-qb=value]'), function (v) { return v.value; });
			var count = operator(opName)[2];
			rules.push({ id: name, field: name, type: column.type, input: 'text', operator: opName,
				value: count === 0 ? null : (count === 1 ? vals[0] : vals) });
		});
		return {
			condition: box.querySelector('[data-qb=condition]').value,
			not: box.querySelector('[data-qb=not]').checked,
			rules: rules,
			valid: true
		};
	};

	Builder.prototype.sync = function () {
		var root = this.container.firstChild;
		var formula = this.serialise(root);
		this.input.value = formula.rules.length === 0 && !formula.not ? '{}' : JSON.stringify(formula);
	};

	function start(container) {
		var input = document.getElementById(container.getAttribute('data-input'));
		if (!input) { return; }
		var columns = [];
		try { columns = JSON.parse(container.getAttribute('data-columns') || '[]'); } catch (e) { columns = []; }
		var data;
		try { data = JSON.parse(input.value || '{}'); } catch (e) { return; }
		if (!data || !data.condition) { data = { condition: 'AND', not: false, rules: [] }; }
		var builder = new Builder(container, input, columns);
		container.appendChild(builder.group(data, true));
		if (columns.length === 0) {
			container.appendChild(el('p', { 'class': 'small text-muted' }, 'The table has no columns yet.'));
		}
		container.addEventListener('change', function () { builder.sync(); });
		container.addEventListener('input', function () { builder.sync(); });
		input.closest('form').addEventListener('submit', function () { builder.sync(); });
		input.readOnly = true;
	}

	document.querySelectorAll('.ontask-qb').forEach(start);
}());
