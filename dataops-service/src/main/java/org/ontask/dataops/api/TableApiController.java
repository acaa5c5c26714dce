package org.ontask.dataops.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.ontask.dataops.download.TableCsv;
import org.ontask.dataops.store.DataColumn;
import org.ontask.dataops.store.DataRejectedException;
import org.ontask.dataops.store.MergeOutcome;
import org.ontask.dataops.store.Row;
import org.ontask.dataops.store.RowPage;
import org.ontask.dataops.store.RowQuery;
import org.ontask.dataops.store.TableStore;
import org.ontask.dataops.upload.Uploads;
import org.ontask.workflowaccess.WorkflowAccess;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The table of a workflow for API clients: replace it or merge into it with a CSV body,
 * read it as typed JSON pages or as a streamed CSV, list its columns. Every request is
 * checked against the workflow's owner and sharers (404 otherwise).
 */
@RestController
class TableApiController {

	private static final String CSV = "text/csv";

	private final WorkflowAccess workflows;

	private final TableStore store;

	private final Uploads uploads;

	private final TableCsv csv;

	TableApiController(WorkflowAccess workflows, TableStore store, Uploads uploads, TableCsv csv) {
		this.workflows = workflows;
		this.store = store;
		this.uploads = uploads;
		this.csv = csv;
	}

	/** {@code PUT /api/workflows/{id}/table} with a CSV body: replaces the table. */
	@PutMapping(path = "/api/workflows/{id}/table", consumes = { CSV, "application/csv", MediaType.TEXT_PLAIN_VALUE })
	Replaced replace(@PathVariable long id, @RequestParam(required = false) String keys, HttpServletRequest request,
			Authentication user) throws IOException {
		this.workflows.nameOfWorkflowOpenTo(id, user.getName());
		TableStore.Replaced replaced = this.uploads.replaceCsv(id, request.getInputStream(), names(keys),
				user.getName());
		return new Replaced(replaced.rows(), replaced.columns().size());
	}

	/**
	 * {@code POST /api/workflows/{id}/table/merge?how=outer&leftOn=sid&rightOn=sid} with
	 * a CSV body: merges it into the table.
	 */
	@PostMapping(path = "/api/workflows/{id}/table/merge",
			consumes = { CSV, "application/csv", MediaType.TEXT_PLAIN_VALUE })
	Merged merge(@PathVariable long id, @RequestParam(defaultValue = "outer") String how, @RequestParam String leftOn,
			@RequestParam(required = false) String rightOn, HttpServletRequest request, Authentication user)
			throws IOException {
		this.workflows.nameOfWorkflowOpenTo(id, user.getName());
		MergeOutcome outcome = this.uploads.mergeCsv(id, request.getInputStream(), leftOn,
				(rightOn != null) ? rightOn : leftOn, how, user.getName());
		return new Merged(outcome.matched(), outcome.added(), outcome.dropped(), outcome.columnsAdded(),
				outcome.columnsUpdated(), outcome.rows());
	}

	/** {@code GET /api/workflows/{id}/table?page=0&size=100}: typed rows as JSON. */
	@GetMapping(path = "/api/workflows/{id}/table", produces = MediaType.APPLICATION_JSON_VALUE)
	TablePage page(@PathVariable long id, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "100") int size, Authentication user) {
		this.workflows.nameOfWorkflowOpenTo(id, user.getName());
		if (page < 0 || size < 1 || size > 10_000) {
			throw new DataRejectedException("page must be 0 or more and size between 1 and 10000.");
		}
		RowPage rows = this.store.page(id, new RowQuery((long) page * size, size, null, false, null, null));
		List<Map<String, Object>> objects = new ArrayList<>();
		for (Row row : rows.rows()) {
			Map<String, Object> object = new LinkedHashMap<>();
			for (int i = 0; i < rows.columns().size(); i++) {
				object.put(rows.columns().get(i).name(), row.values().get(i));
			}
			objects.add(object);
		}
		return new TablePage(rows.columns().stream().map(ColumnView::of).toList(), objects, page, size, rows.total());
	}

	/**
	 * {@code GET /api/workflows/{id}/table?format=csv}: the whole table as CSV, streamed.
	 * Text cells that a spreadsheet would run as a formula get a leading quote.
	 */
	@GetMapping(path = "/api/workflows/{id}/table", params = "format=csv")
	ResponseEntity<StreamingResponseBody> csv(@PathVariable long id, Authentication user) {
		this.workflows.nameOfWorkflowOpenTo(id, user.getName());
		return this.csv.response(id, this.store.columns(id), null, "workflow-" + id + ".csv");
	}

	/** {@code GET /api/workflows/{id}/columns}. */
	@GetMapping(path = "/api/workflows/{id}/columns", produces = MediaType.APPLICATION_JSON_VALUE)
	List<ColumnView> columns(@PathVariable long id, Authentication user) {
		this.workflows.nameOfWorkflowOpenTo(id, user.getName());
		return this.store.columns(id).stream().map(ColumnView::of).toList();
	}

	private static List<String> names(String csv) {
		if (csv == null || csv.isBlank()) {
			return List.of();
		}
		return Arrays.stream(csv.split(",")).map(String::strip).filter((s) -> !s.isEmpty()).toList();
	}

	/**
	 * The answer to a replace.
	 *
	 * @param rows rows stored
	 * @param columns columns stored
	 */
	record Replaced(long rows, int columns) {

	}

	/**
	 * The answer to a merge.
	 *
	 * @param matched rows matched
	 * @param added rows added
	 * @param dropped rows dropped
	 * @param columnsAdded names of the columns added
	 * @param columnsUpdated names of the columns updated
	 * @param rows rows afterwards
	 */
	record Merged(long matched, long added, long dropped, List<String> columnsAdded, List<String> columnsUpdated,
			long rows) {

	}

	/**
	 * A page of typed rows.
	 *
	 * @param columns the columns
	 * @param rows one object per row, keyed by column name
	 * @param page the page number
	 * @param size the page size
	 * @param total rows in the table
	 */
	record TablePage(List<ColumnView> columns, List<Map<String, Object>> rows, int page, int size, long total) {

	}

	/**
	 * A column for API clients.
	 *
	 * @param id its id
	 * @param name its name
	 * @param description its description
	 * @param type its type label
	 * @param key whether it is a key
	 * @param position its position
	 * @param categories allowed values
	 */
	record ColumnView(long id, String name, String description, String type, boolean key, int position,
			List<String> categories) {

		static ColumnView of(DataColumn column) {
			return new ColumnView(column.id(), column.name(), column.description(), column.type().label(), column.key(),
					column.position(), column.categories());
		}

	}

}
