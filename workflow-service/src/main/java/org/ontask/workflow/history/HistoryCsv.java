package org.ontask.workflow.history;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.ontask.platform.csv.CsvCells;

/**
 * A history as CSV for spreadsheets: every cell quoted, and a cell a spreadsheet would
 * run as a formula (starting with {@code = + - @}, a tab or a carriage return) prefixed
 * with an apostrophe, so a name like {@code =HYPERLINK(...)} stays text.
 */
final class HistoryCsv {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

	private HistoryCsv() {
	}

	static String of(List<HistoryEntry> entries, ZoneId zone) {
		StringBuilder csv = new StringBuilder();
		row(csv, "time (" + zone.getId() + ")", "who", "what", "source", "details");
		for (HistoryEntry entry : entries) {
			row(csv, WHEN.format(entry.at().atZone(zone)), (entry.actor() != null) ? entry.actor() : "", entry.kind(),
					entry.source(), entry.details());
		}
		return csv.toString();
	}

	private static void row(StringBuilder csv, String... cells) {
		for (int i = 0; i < cells.length; i++) {
			if (i > 0) {
				csv.append(',');
			}
			csv.append('"').append(CsvCells.neutralise(cells[i]).replace("\"", "\"\"")).append('"');
		}
		csv.append("\r\n");
	}

}
