package org.ontask.dataops.upload;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Upload limits and the server-side area where the wizard keeps a file between steps.
 *
 * @param maxSize the largest file or request body ({@code ONTASK_UPLOAD_MAX_SIZE})
 * @param maxExcelSize the largest Excel workbook (read whole into memory, so smaller)
 * @param tempDir where uploaded files wait for the wizard's next step
 * @param tempTtl how long an abandoned upload is kept
 */
@ConfigurationProperties("ontask.upload")
public record UploadProperties(@DefaultValue("100MB") DataSize maxSize, @DefaultValue("20MB") DataSize maxExcelSize,
		Path tempDir, @DefaultValue("1h") Duration tempTtl) {

	/**
	 * The temp area, by default {@code ontask-uploads} in the system's temp directory.
	 * @return the directory
	 */
	public Path uploadDir() {
		return (this.tempDir != null) ? this.tempDir : Path.of(System.getProperty("java.io.tmpdir"), "ontask-uploads");
	}

	/**
	 * The limit as users read it.
	 * @param size a size
	 * @return e.g. {@code 100 MB}
	 */
	static String describe(DataSize size) {
		long bytes = size.toBytes();
		if (bytes % (1024 * 1024) == 0) {
			return (bytes / (1024 * 1024)) + " MB";
		}
		if (bytes % 1024 == 0) {
			return (bytes / 1024) + " KB";
		}
		return bytes + " bytes";
	}

}
