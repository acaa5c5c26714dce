package org.ontask.dataops.upload;

import java.nio.file.Path;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;

/**
 * Lets another source (the SQL source) start the upload wizard with a CSV file it wrote
 * to the temp area, so the preview, column, merge and confirm steps work unchanged.
 */
@Component
public class UploadWizard {

	/** The session attribute prefix of the wizard's state (one per workflow). */
	static final String STATE = "ontask.upload.";

	private final Uploads uploads;

	UploadWizard(Uploads uploads) {
		this.uploads = uploads;
	}

	/**
	 * Inspects a comma-separated UTF-8 file of the temp area and makes it the wizard's
	 * file for the workflow, replacing (and deleting) any file the wizard held before.
	 * @param workflowId the workflow
	 * @param userEmail who loads it
	 * @param file a file from {@link Uploads#newTempFile()}
	 * @param sourceName what the pages call the source
	 * @param session the user's session
	 * @throws org.ontask.dataops.store.DataRejectedException when the data cannot be
	 * loaded (the file is left for the caller to discard)
	 */
	public void startWithCsv(long workflowId, String userEmail, Path file, String sourceName, HttpSession session) {
		UploadState state = new UploadState(userEmail, file.toString(), sourceName, UploadFormat.CSV, ',', 0, 0, null,
				null, false, "outer", null, null);
		this.uploads.inspect(file, state.options());
		Object previous = session.getAttribute(STATE + workflowId);
		if (previous instanceof String text) {
			Path old = Path.of(UploadState.fromJson(text).file());
			if (this.uploads.isTempFile(old)) {
				this.uploads.discard(old);
			}
		}
		session.setAttribute(STATE + workflowId, state.toJson());
	}

}
