package org.ontask.dataops.download;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.ontask.dataops.store.DataColumn;
import org.ontask.dataops.store.SqlFilter;
import org.ontask.dataops.store.TableStore;
import org.ontask.dataops.view.View;
import org.ontask.dataops.view.ViewService;
import org.ontask.workflowaccess.WorkflowAccess;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code ontask_table.csv} of the whole table or of a view (its columns, the rows its
 * filter keeps): comma-separated, UTF-8, a header, streamed row by row from a cursor so a
 * million rows never sit in memory. Cells starting with {@code = + - @}, tab or carriage
 * return get a leading single quote, so a spreadsheet shows them instead of running them.
 */
@Controller
class DownloadController {

	private final WorkflowAccess workflows;

	private final TableStore store;

	private final ViewService views;

	DownloadController(WorkflowAccess workflows, TableStore store, ViewService views) {
		this.workflows = workflows;
		this.store = store;
		this.views = views;
	}

	@GetMapping("/workflows/{id}/table/csv")
	ResponseEntity<StreamingResponseBody> table(@PathVariable long id, Authentication user) {
		this.workflows.nameOfWorkflowOpenTo(id, user.getName());
		return csv(id, this.store.columns(id), null, "ontask_table.csv");
	}

	@GetMapping("/workflows/{id}/views/{viewId}/csv")
	ResponseEntity<StreamingResponseBody> view(@PathVariable long id, @PathVariable long viewId, Authentication user) {
		this.workflows.nameOfWorkflowOpenTo(id, user.getName());
		View view = this.views.view(id, viewId);
		ViewService.Resolved resolved = this.views.resolve(view);
		return csv(id, resolved.columns(), resolved.filter(), "ontask_view_" + viewId + ".csv");
	}

	private ResponseEntity<StreamingResponseBody> csv(long id, List<DataColumn> columns, SqlFilter filter,
			String filename) {
		List<Long> ids = columns.stream().map(DataColumn::id).toList();
		StreamingResponseBody body = (out) -> {
			Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
			CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get());
			printer.printRecord(columns.stream().map((c) -> CsvText.neutralise(c.name())).toList());
			Object[] cells = new Object[columns.size()];
			this.store.forEachRow(id, ids, filter, (row) -> {
				for (int i = 0; i < cells.length; i++) {
					cells[i] = CsvText.cell(row.values().get(i));
				}
				try {
					printer.printRecord(Arrays.asList(cells));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			printer.flush();
		};
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"")
			.body(body);
	}

}
