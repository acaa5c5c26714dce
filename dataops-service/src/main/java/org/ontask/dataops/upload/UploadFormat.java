package org.ontask.dataops.upload;

import java.util.Locale;

import org.ontask.dataops.store.DataRejectedException;

/**
 * The file formats an upload accepts.
 */
public enum UploadFormat {

	/** Comma (or other delimiter) separated values, UTF-8 with or without BOM. */
	CSV,
	/** An Excel 2007+ workbook ({@code .xlsx}), one sheet. */
	EXCEL,
	/** A JSON array of objects, one per row. */
	JSON;

	static UploadFormat of(String text) {
		try {
			return valueOf(text.strip().toUpperCase(Locale.ROOT));
		}
		catch (RuntimeException ex) {
			throw new DataRejectedException("Unknown file format '" + text + "': use csv, excel or json.");
		}
	}

}
