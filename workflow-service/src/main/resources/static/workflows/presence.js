// Who else has this workflow open: renews this page's mark and redraws the list.
// The page gives the URL, the CSRF header and token, and the interval as data attributes.
(function () {
	'use strict';
	var box = document.querySelector('[data-presence-url]');
	if (!box || !window.fetch) {
		return;
	}
	var url = box.getAttribute('data-presence-url');
	var header = box.getAttribute('data-csrf-header');
	var token = box.getAttribute('data-csrf-token');
	var every = parseInt(box.getAttribute('data-presence-every'), 10) * 1000 || 15000;
	var list = box.querySelector('[data-presence-list]');
	var empty = box.querySelector('[data-presence-empty]');

	function draw(others) {
		while (list.firstChild) {
			list.removeChild(list.firstChild);
		}
		others.forEach(function (person) {
			var item = document.createElement('li');
			item.className = 'list-inline-item badge text-bg-info';
			item.setAttribute('data-testid', 'present');
			item.textContent = person.name;
			item.title = person.email;
			list.appendChild(item);
		});
		empty.hidden = others.length > 0;
	}

	function beat() {
		var headers = { 'Accept': 'application/json' };
		headers[header] = token;
		fetch(url, { method: 'POST', headers: headers, credentials: 'same-origin' })
			.then(function (response) { return response.ok ? response.json() : null; })
			.then(function (others) { if (others) { draw(others); } })
			.catch(function () { /* offline for a moment: try again at the next beat */ });
	}

	beat();
	setInterval(beat, every);
	window.addEventListener('pagehide', function () {
		var form = new FormData();
		form.append(box.getAttribute('data-csrf-param'), token);
		if (navigator.sendBeacon) {
			navigator.sendBeacon(url + '/leave', form);
		}
	});
}());
