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
import org.ontask.platform.csv.CsvCells;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The one way a table leaves as CSV, for the pages and the REST API alike:
 * comma-separated, UTF-8, a header, streamed row by row from a cursor so a million rows
 * never sit in memory, and cells a spreadsheet would run as a formula neutralised.
 */
@Component
public class TableCsv {

	private final TableStore store;

	TableCsv(TableStore store) {
		this.store = store;
	}

	/**
	 * A streamed CSV attachment. The caller has checked that the user may open the
	 * workflow.
	 * @param workflowId the workflow
	 * @param columns the columns, in order
	 * @param filter the rows to keep, or {@code null} for all
	 * @param filename the attachment's file name
	 * @return the response
	 */
	public ResponseEntity<StreamingResponseBody> response(long workflowId, List<DataColumn> columns, SqlFilter filter,
			String filename) {
		List<Long> ids = columns.stream().map(DataColumn::id).toList();
		StreamingResponseBody body = (out) -> {
			Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
			CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get());
			printer.printRecord(columns.stream().map((c) -> CsvCells.neutralise(c.name())).toList());
			Object[] cells = new Object[columns.size()];
			this.store.forEachRow(workflowId, ids, filter, (row) -> {
				for (int i = 0; i < cells.length; i++) {
					cells[i] = CsvCells.cell(row.values().get(i));
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
