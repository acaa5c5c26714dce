package org.ontask.action.importing;

import java.io.ByteArrayInputStream;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Imports as JSON: {@code POST /api/workflows/{id}/actions/import} with the export file
 * as the body ({@code application/gzip} or {@code application/octet-stream}), and the
 * catalogue of ready-made surveys. Refusals are Problem Details (400, or 409 when a
 * column exists with another type); nothing is created then.
 */
@RestController
@RequestMapping("/api/workflows/{workflowId:\\d+}/actions")
class ImportApiController {

	private final ActionImport imports;

	ImportApiController(ActionImport imports) {
		this.imports = imports;
	}

	@PostMapping(path = "/import", consumes = { "application/gzip", "application/x-gzip", "application/octet-stream" })
	@ResponseStatus(HttpStatus.CREATED)
	ImportResult upload(@PathVariable long workflowId, @RequestBody byte[] file, Authentication user) {
		return this.imports.importFile(workflowId, user.getName(), new ByteArrayInputStream(file));
	}

	@GetMapping("/catalogue")
	java.util.List<SurveyCatalogue.Entry> catalogue(@PathVariable long workflowId) {
		return SurveyCatalogue.ENTRIES;
	}

	@PostMapping("/catalogue/{key}")
	@ResponseStatus(HttpStatus.CREATED)
	ImportResult addSurvey(@PathVariable long workflowId, @PathVariable String key, Authentication user) {
		return this.imports.importCatalogue(workflowId, user.getName(), key);
	}

}
