package org.ontask.workflow.history;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import jakarta.servlet.http.HttpSession;

import org.ontask.platform.web.OnTaskSession;
import org.ontask.workflow.workflow.Viewer;
import org.ontask.workflow.workflow.WorkflowResponse;
import org.ontask.workflow.workflow.WorkflowService;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * A workflow's history for those who may open it: the timeline page, its CSV, and
 * {@code GET /api/workflows/{id}/history}. Filters: {@code kind} (a routing key or its
 * first part), {@code from} and {@code to} (dates, inclusive).
 */
@Controller
class HistoryController {

	private final WorkflowService workflows;

	private final HistoryService history;

	HistoryController(WorkflowService workflows, HistoryService history) {
		this.workflows = workflows;
		this.history = history;
	}

	@GetMapping("/workflows/{id:\\d+}/history")
	String page(@PathVariable long id, @RequestParam(required = false) String kind,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			Authentication user, HttpSession session, Model model) {
		WorkflowResponse workflow = this.workflows.open(id, Viewer.instructor(user));
		OnTaskSession.openWorkflow(session, workflow.id(), workflow.name());
		model.addAttribute("workflow", workflow);
		model.addAttribute("entries", this.history.of(id, kind, from, to));
		model.addAttribute("kinds", this.history.kinds(id));
		model.addAttribute("kind", (kind != null) ? kind : "");
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		model.addAttribute("zone", this.history.zone());
		return "history";
	}

	@GetMapping("/workflows/{id:\\d+}/history.csv")
	ResponseEntity<byte[]> csv(@PathVariable long id, @RequestParam(required = false) String kind,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			Authentication user) {
		this.workflows.open(id, Viewer.instructor(user));
		String csv = HistoryCsv.of(this.history.of(id, kind, from, to), this.history.zone());
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("workflow-" + id + "-history.csv").build().toString())
			.body(csv.getBytes(StandardCharsets.UTF_8));
	}

	@GetMapping("/api/workflows/{id}/history")
	@ResponseBody
	List<HistoryEntry> api(@PathVariable long id, @RequestParam(required = false) String kind,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			Authentication user) {
		this.workflows.open(id, Viewer.instructor(user));
		return this.history.of(id, kind, from, to);
	}

}
