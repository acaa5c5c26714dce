package org.ontask.action.zip;

import java.io.IOException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.ontask.action.action.ActionResponse;
import org.ontask.action.action.ActionService;
import org.ontask.action.dataops.DataopsClient;
import org.ontask.platform.web.OnTaskSession;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The ZIP export form of an action and its download,
 * {@code ontask_zip_action_<yymmdd_HHMMSS>.zip}, streamed as the files are produced. A
 * request that cannot work shows the form again with the reason, before anything is
 * downloaded.
 */
@Controller
class ZipController {

	private static final Logger log = LoggerFactory.getLogger(ZipController.class);

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyMMdd_HHmmss");

	private final ZipExport export;

	private final ActionService actions;

	private final DataopsClient dataops;

	private final ZoneId zone;

	ZipController(ZipExport export, ActionService actions, DataopsClient dataops,
			@Value("${ontask.time-zone:UTC}") String zone) {
		this.export = export;
		this.actions = actions;
		this.dataops = dataops;
		this.zone = ZoneId.of(zone);
	}

	@GetMapping("/workflows/{id:\\d+}/actions/{aid:\\d+}/zip")
	ModelAndView form(@PathVariable long id, @PathVariable long aid, Authentication user, HttpSession session) {
		return form(id, aid, user, session, new ZipRequest("", "", ZipFileNames.DEFAULT_SUFFIX, false, List.of()), "",
				null);
	}

	private ModelAndView form(long id, long aid, Authentication user, HttpSession session, ZipRequest request,
			String exclude, String error) {
		OnTaskSession.openWorkflow(session, id, this.actions.workflowName(id, user.getName()));
		ActionResponse action = this.actions.get(id, aid, user.getName());
		ModelAndView page = new ModelAndView("zip");
		page.addObject("workflowId", id);
		page.addObject("action", action);
		page.addObject("columns", this.dataops.columns(id));
		page.addObject("form", request);
		page.addObject("exclude", exclude);
		page.addObject("error", error);
		if (error != null) {
			page.setStatus(HttpStatus.BAD_REQUEST);
		}
		return page;
	}

	@PostMapping("/workflows/{id:\\d+}/actions/{aid:\\d+}/zip")
	ModelAndView download(@PathVariable long id, @PathVariable long aid,
			@RequestParam(defaultValue = "") String keyColumn, @RequestParam(defaultValue = "") String nameColumn,
			@RequestParam(defaultValue = "") String suffix, @RequestParam(defaultValue = "false") boolean moodle,
			@RequestParam(defaultValue = "") String exclude, Authentication user, HttpSession session,
			HttpServletResponse response) throws IOException {
		List<String> excluded = Arrays.stream(exclude.split("[\\r\\n]+")).filter((e) -> !e.isBlank()).toList();
		ZipRequest request = new ZipRequest(keyColumn, nameColumn, suffix, moodle, excluded);
		ZipExport.Plan plan;
		try {
			plan = this.export.plan(id, aid, user.getName(), request);
		}
		catch (InvalidZipException ex) {
			return form(id, aid, user, session, request, exclude, ex.getReason());
		}
		String file = "ontask_zip_action_" + ZonedDateTime.now(this.zone).format(STAMP) + ".zip";
		response.setContentType("application/zip");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename(file).build().toString());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		try {
			int files = this.export.write(plan, response.getOutputStream());
			log.info("ZIP of action {} of workflow {}: {} files", aid, id, files);
		}
		catch (RuntimeException ex) {
			// the download has started: it ends broken rather than with a page
			log.warn("ZIP of action {} of workflow {} stopped: {}", aid, id, ex.getMessage());
			throw ex;
		}
		response.flushBuffer();
		return null;
	}

}
