package org.ontask.dataops.upload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ontask.dataops.store.ColumnNames;
import org.ontask.dataops.store.DataRejectedException;

/**
 * Checks a file's header: every column named, no name twice (ignoring case), names valid
 * as column names. Unlike pandas, repeated names are refused rather than suffixed, so a
 * column is never silently renamed.
 */
final class Headers {

	private Headers() {
	}

	static List<String> check(List<String> raw) {
		if (raw.isEmpty()) {
			throw new DataRejectedException("The file is empty: it has no header line.");
		}
		List<String> names = new ArrayList<>(raw.size());
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < raw.size(); i++) {
			String name = (raw.get(i) == null) ? "" : raw.get(i).strip();
			if (i == 0 && name.startsWith("\uFEFF")) {
				name = name.substring(1).strip();
			}
			if (name.isEmpty()) {
				throw new DataRejectedException(
						"Column " + (i + 1) + " of the header has no name; every column needs one.");
			}
			try {
				name = ColumnNames.check(name);
			}
			catch (DataRejectedException ex) {
				throw new DataRejectedException("Column " + (i + 1) + " of the header: " + ex.getReason());
			}
			Integer previous = seen.put(name.toLowerCase(Locale.ROOT), i + 1);
			if (previous != null) {
				throw new DataRejectedException("The header names '" + name + "' twice (columns " + previous + " and "
						+ (i + 1) + "); column names must differ (ignoring case).");
			}
			names.add(name);
		}
		return List.copyOf(names);
	}

}
