package org.ontask.dataops.upload;

import java.util.List;

import tools.jackson.databind.json.JsonMapper;

/**
 * Where a user is in the upload wizard of one workflow: the file kept in the temp area,
 * how to read it, and the choices made so far. Kept in the HTTP session as JSON text,
 * since the shared session holds nothing but strings and standard types.
 *
 * @param userEmail who uploaded the file (the state is refused to anyone else)
 * @param file the file in the temp area
 * @param fileName the name the browser gave
 * @param format the format
 * @param delimiter the CSV delimiter, or {@code null} to detect it
 * @param skipTop lines skipped at the top
 * @param skipBottom lines skipped at the bottom
 * @param sheet the Excel sheet
 * @param choices the chosen columns, or {@code null} before step (c)
 * @param merge whether to merge into the existing table (else replace it)
 * @param how the merge method
 * @param leftKey the table's key column
 * @param rightKey the new data's key column
 */
record UploadState(String userEmail, String file, String fileName, UploadFormat format, Character delimiter,
		int skipTop, int skipBottom, String sheet, List<ColumnChoice> choices, boolean merge, String how,
		String leftKey, String rightKey) {

	UploadOptions options() {
		return new UploadOptions(this.format, this.delimiter, this.skipTop, this.skipBottom, this.sheet);
	}

	UploadState withChoices(List<ColumnChoice> newChoices) {
		return new UploadState(this.userEmail, this.file, this.fileName, this.format, this.delimiter, this.skipTop,
				this.skipBottom, this.sheet, newChoices, this.merge, this.how, this.leftKey, this.rightKey);
	}

	UploadState withMerge(boolean doMerge, String method, String left, String right) {
		return new UploadState(this.userEmail, this.file, this.fileName, this.format, this.delimiter, this.skipTop,
				this.skipBottom, this.sheet, this.choices, doMerge, method, left, right);
	}

	String toJson() {
		return JsonMapper.shared().writeValueAsString(this);
	}

	static UploadState fromJson(String json) {
		return JsonMapper.shared().readValue(json, UploadState.class);
	}

}
