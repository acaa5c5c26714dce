package org.ontask.dataops.upload;

/**
 * How to read an uploaded file.
 *
 * @param format the format
 * @param delimiter the CSV delimiter, or {@code null} to detect it (comma, semicolon, tab
 * or bar)
 * @param skipTop lines before the header to ignore (CSV)
 * @param skipBottom lines at the end to ignore (CSV)
 * @param sheet the Excel sheet name, or {@code null}/blank for the first sheet
 */
public record UploadOptions(UploadFormat format, Character delimiter, int skipTop, int skipBottom, String sheet) {

	/** A plain CSV file with its delimiter detected. */
	public static final UploadOptions CSV = new UploadOptions(UploadFormat.CSV, null, 0, 0, null);

}
