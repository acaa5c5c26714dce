package org.ontask.scheduler.schedule;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ontask.workflowaccess.WorkflowAccess;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The schedule pages: the schedules of one workflow and of all the user's workflows, the
 * form to create or edit one (opened from an action's page with {@code ?actionId=} or
 * from a data page with {@code ?kind=TABLE_REFRESH}), a schedule with its runs, and the
 * pause, resume, run-now and delete buttons.
 */
@Controller
class ScheduleController {

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

	private final WorkflowAccess workflows;

	private final ScheduleService schedules;

	ScheduleController(WorkflowAccess workflows, ScheduleService schedules) {
		this.workflows = workflows;
		this.schedules = schedules;
	}

	@GetMapping("/schedules")
	String allSchedules(Authentication user, Model model) {
		model.addAttribute("workflowName", null);
		model.addAttribute("schedules", this.schedules.listForUser(user.getName()));
		return "schedules";
	}

	@GetMapping("/workflows/{id:\\d+}/schedules")
	String workflowSchedules(@PathVariable long id, Authentication user, Model model) {
		model.addAttribute("workflowName", this.workflows.nameOfWorkflowOpenTo(id, user.getName()));
		model.addAttribute("workflowId", id);
		model.addAttribute("schedules", this.schedules.list(id, user.getName()));
		return "schedules";
	}

	@GetMapping("/workflows/{id:\\d+}/schedules/new")
	String newSchedule(@PathVariable long id, @RequestParam(required = false) Long actionId,
			@RequestParam(defaultValue = "ACTION_RUN") String kind, Authentication user, Model model) {
		Map<String, String> form = new HashMap<>();
		form.put("kind", kind.equalsIgnoreCase("TABLE_REFRESH") ? "TABLE_REFRESH" : "ACTION_RUN");
		form.put("actionId", (actionId != null) ? String.valueOf(actionId) : "");
		form.put("when", "once");
		form.put("zone", this.schedules.defaultZone().getId());
		form.put("everyUnit", "minutes");
		form.put("mode", "replace");
		form.put("how", "outer");
		return form(id, null, form, null, user, model);
	}

	@PostMapping("/workflows/{id:\\d+}/schedules")
	String create(@PathVariable long id, @RequestParam Map<String, String> form, Authentication user, Model model) {
		try {
			long scheduleId = this.schedules.create(id, user.getName(), request(form, false));
			return "redirect:/workflows/" + id + "/schedules/" + scheduleId;
		}
		catch (ResponseStatusException ex) {
			if (ex.getStatusCode().value() == 404 || ex.getStatusCode().value() == 403) {
				throw ex;
			}
			return form(id, null, form, ex.getReason(), user, model);
		}
	}

	@GetMapping("/workflows/{id:\\d+}/schedules/{sid:\\d+}")
	String schedule(@PathVariable long id, @PathVariable long sid, Authentication user, Model model) {
		model.addAttribute("schedule", this.schedules.get(id, sid, user.getName()));
		model.addAttribute("workflowId", id);
		return "schedule";
	}

	@GetMapping("/workflows/{id:\\d+}/schedules/{sid:\\d+}/edit")
	String edit(@PathVariable long id, @PathVariable long sid, Authentication user, Model model) {
		return form(id, sid, values(this.schedules.get(id, sid, user.getName())), null, user, model);
	}

	@PostMapping("/workflows/{id:\\d+}/schedules/{sid:\\d+}")
	String update(@PathVariable long id, @PathVariable long sid, @RequestParam Map<String, String> form,
			Authentication user, Model model) {
		try {
			this.schedules.update(id, sid, user.getName(), request(form, true));
			return "redirect:/workflows/" + id + "/schedules/" + sid;
		}
		catch (ResponseStatusException ex) {
			if (ex.getStatusCode().value() == 404 || ex.getStatusCode().value() == 403) {
				throw ex;
			}
			return form(id, sid, form, ex.getReason(), user, model);
		}
	}

	@PostMapping("/workflows/{id:\\d+}/schedules/{sid:\\d+}/pause")
	String pause(@PathVariable long id, @PathVariable long sid, Authentication user) {
		this.schedules.pause(id, sid, user.getName());
		return "redirect:/workflows/" + id + "/schedules/" + sid;
	}

	@PostMapping("/workflows/{id:\\d+}/schedules/{sid:\\d+}/resume")
	String resume(@PathVariable long id, @PathVariable long sid, Authentication user) {
		this.schedules.resume(id, sid, user.getName());
		return "redirect:/workflows/" + id + "/schedules/" + sid;
	}

	@PostMapping("/workflows/{id:\\d+}/schedules/{sid:\\d+}/run-now")
	String runNow(@PathVariable long id, @PathVariable long sid, Authentication user) {
		this.schedules.runNow(id, sid, user.getName());
		return "redirect:/workflows/" + id + "/schedules/" + sid;
	}

	@PostMapping("/workflows/{id:\\d+}/schedules/{sid:\\d+}/delete")
	String delete(@PathVariable long id, @PathVariable long sid, Authentication user) {
		this.schedules.delete(id, sid, user.getName());
		return "redirect:/workflows/" + id + "/schedules";
	}

	private String form(long workflowId, Long scheduleId, Map<String, String> form, String error, Authentication user,
			Model model) {
		model.addAttribute("workflowName", this.workflows.nameOfWorkflowOpenTo(workflowId, user.getName()));
		model.addAttribute("workflowId", workflowId);
		model.addAttribute("scheduleId", scheduleId);
		model.addAttribute("form", form);
		model.addAttribute("error", error);
		return "schedule-form";
	}

	/** The form's fields as a request; blank fields count as not given. */
	static ScheduleRequest request(Map<String, String> form, boolean edit) {
		String kind = text(form, "kind");
		String when = form.getOrDefault("when", "once");
		Map<String, Object> parameters = null;
		if (!"TABLE_REFRESH".equals(kind)) {
			parameters = new LinkedHashMap<>();
			for (String key : List.of("emailColumn", "subject", "cc", "bcc", "keyColumn", "targetUrl")) {
				if (text(form, key) != null) {
					parameters.put(key, form.get(key).trim());
				}
			}
			if (text(form, "token") != null) {
				parameters.put("token", form.get("token").trim());
			}
			else if (edit) {
				// left empty on an edit: keep the stored token
				parameters.put("token", ScheduleService.HIDDEN);
			}
			parameters.put("sendSummary", "true".equals(form.get("sendSummary")));
			List<String> exclude = new ArrayList<>();
			String excluded = text(form, "exclude");
			if (excluded != null) {
				for (String address : excluded.split("[\\s,;]+")) {
					if (!address.isBlank()) {
						exclude.add(address.trim());
					}
				}
			}
			parameters.put("exclude", exclude);
		}
		Integer amount = number(form, "everyAmount", "everyAmount");
		String unit = form.getOrDefault("everyUnit", "minutes");
		boolean every = when.equals("every");
		boolean cron = when.equals("cron");
		boolean once = !every && !cron;
		return new ScheduleRequest(form.getOrDefault("name", ""), form.getOrDefault("description", ""),
				(kind != null) ? kind : "ACTION_RUN", longValue(form, "actionId"), parameters,
				"true".equals(form.get("incremental")), once ? form.getOrDefault("runAt", "") : null,
				cron ? form.getOrDefault("cron", "") : null, (every && unit.equals("minutes")) ? amount : null,
				(every && unit.equals("hours")) ? amount : null, (every && unit.equals("days")) ? amount : null,
				once ? null : text(form, "start"), once ? null : text(form, "end"), text(form, "zone"),
				longValue(form, "connectionId"), text(form, "query"), text(form, "mode"), text(form, "how"),
				text(form, "leftOn"), text(form, "rightOn"));
	}

	/** A schedule's values in the form's fields, times in its zone. */
	private static Map<String, String> values(ScheduleResponse schedule) {
		Map<String, String> form = new HashMap<>();
		form.put("name", schedule.name());
		form.put("description", schedule.description());
		form.put("kind", schedule.kind());
		form.put("actionId", (schedule.actionId() != null) ? String.valueOf(schedule.actionId()) : "");
		form.put("incremental", String.valueOf(schedule.incremental()));
		form.put("zone", schedule.zone());
		form.put("runAt", local(schedule.runAt()));
		form.put("cron", (schedule.cron() != null) ? schedule.cron() : "");
		form.put("start", local(schedule.start()));
		form.put("end", local(schedule.end()));
		form.put("when", (schedule.runAt() != null) ? "once" : (schedule.cron() != null) ? "cron" : "every");
		Integer amount = (schedule.everyMinutes() != null) ? schedule.everyMinutes()
				: (schedule.everyHours() != null) ? schedule.everyHours() : schedule.everyDays();
		form.put("everyAmount", (amount != null) ? String.valueOf(amount) : "");
		form.put("everyUnit",
				(schedule.everyHours() != null) ? "hours" : (schedule.everyDays() != null) ? "days" : "minutes");
		for (Map.Entry<String, Object> parameter : schedule.parameters().entrySet()) {
			Object value = parameter.getValue();
			if (parameter.getKey().equals("token")) {
				continue;
			}
			if (value instanceof List<?> list) {
				form.put(parameter.getKey(), String.join("\n", list.stream().map(String::valueOf).toList()));
			}
			else if (value != null) {
				form.put(parameter.getKey(), String.valueOf(value));
			}
		}
		return form;
	}

	private static String local(OffsetDateTime time) {
		return (time != null) ? LOCAL.format(time) : "";
	}

	private static String text(Map<String, String> form, String key) {
		String value = form.get(key);
		return (value != null && !value.isBlank()) ? value : null;
	}

	private static Long longValue(Map<String, String> form, String key) {
		Integer value = number(form, key, key);
		return (value != null) ? value.longValue() : null;
	}

	private static Integer number(Map<String, String> form, String key, String field) {
		String value = text(form, key);
		if (value == null) {
			return null;
		}
		try {
			return Integer.valueOf(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new InvalidScheduleException(field, "\"" + value + "\" is not a whole number (" + field + ").");
		}
	}

}
