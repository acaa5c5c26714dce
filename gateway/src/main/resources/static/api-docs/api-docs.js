// Swagger UI over every service's OpenAPI description (the list comes from the gateway,
// /api-docs/services). Kept out of the page so a strict Content-Security-Policy holds.
fetch('/api-docs/services', { headers: { Accept: 'application/json' } })
	.then((response) => response.json())
	.then((services) => {
		const wanted = new URLSearchParams(window.location.search).get('service');
		window.ui = SwaggerUIBundle({
			urls: services,
			'urls.primaryName': services.some((s) => s.name === wanted) ? wanted : 'workflow-service',
			dom_id: '#swagger-ui',
			deepLinking: true,
			presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
			layout: 'StandaloneLayout',
			// the session cookie goes with every request; scripts use a bearer token
			withCredentials: true
		});
	});
