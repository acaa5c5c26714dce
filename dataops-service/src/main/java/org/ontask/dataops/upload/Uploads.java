package org.ontask.dataops.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.ontask.dataops.store.ColumnProfile;
import org.ontask.dataops.store.ColumnSpec;
import org.ontask.dataops.store.ColumnType;
import org.ontask.dataops.store.DataColumn;
import org.ontask.dataops.store.DataRejectedException;
import org.ontask.dataops.store.MergeHow;
import org.ontask.dataops.store.MergeOutcome;
import org.ontask.dataops.store.MergeSpec;
import org.ontask.dataops.store.RowProducer;
import org.ontask.dataops.store.TableStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Loads files into tables in two passes over a file kept on disk: {@link #inspect} reads
 * it whole once (types, key candidates, preview, every structural error with its line)
 * without touching the table; {@link #replace} and {@link #merge} read it again, convert
 * each value to its column's type and stream the rows into the store's COPY. Memory stays
 * flat whatever the file's size.
 */
@Service
public class Uploads {

	private static final Logger log = LoggerFactory.getLogger(Uploads.class);

	private static final int PREVIEW_ROWS = 10;

	/** Rows read to infer types before loading in one pass. */
	private static final int SAMPLE_ROWS = 1000;

	private final TableStore store;

	private final UploadProperties properties;

	private final ZoneId zone;

	Uploads(TableStore store, UploadProperties properties, @Value("${ontask.time-zone:UTC}") String zone) {
		this.store = store;
		this.properties = properties;
		this.zone = ZoneId.of(zone);
	}

	/**
	 * Saves an upload in the temp area, refusing it (413) beyond the size limit.
	 * @param in the bytes
	 * @return the saved file (delete it with {@link #discard} when done)
	 */
	public Path spool(InputStream in) {
		long limit = this.properties.maxSize().toBytes();
		Path file = newTempFile();
		try (OutputStream out = Files.newOutputStream(file)) {
			byte[] buffer = new byte[1 << 16];
			long total = 0;
			int read;
			while ((read = in.read(buffer)) > 0) {
				total += read;
				if (total > limit) {
					throw tooLarge();
				}
				out.write(buffer, 0, read);
			}
		}
		catch (IOException | RuntimeException ex) {
			discard(file);
			if (ex instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new UncheckedIOException((IOException) ex);
		}
		return file;
	}

	/**
	 * The refusal of a file over the limit.
	 * @return a 413 naming the limit
	 */
	public DataRejectedException tooLarge() {
		return new DataRejectedException(HttpStatus.CONTENT_TOO_LARGE, "The file is larger than the upload limit of "
				+ UploadProperties.describe(this.properties.maxSize()) + ".");
	}

	/**
	 * A fresh file in the temp area.
	 * @return its path (the file exists and is empty)
	 */
	public Path newTempFile() {
		try {
			Files.createDirectories(this.properties.uploadDir());
			return Files.createFile(this.properties.uploadDir().resolve(UUID.randomUUID() + ".upload"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Whether a path is a file of the temp area (a wizard state names one).
	 * @param file the path
	 * @return whether it is inside the temp area and exists
	 */
	public boolean isTempFile(Path file) {
		Path dir = this.properties.uploadDir().toAbsolutePath().normalize();
		Path path = file.toAbsolutePath().normalize();
		return path.startsWith(dir) && Files.isRegularFile(path);
	}

	/**
	 * Deletes an uploaded file.
	 * @param file the file, or {@code null}
	 */
	public void discard(Path file) {
		if (file == null) {
			return;
		}
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.warn("Could not delete the uploaded file {}: {}", file, ex.getMessage());
		}
	}

	/** Abandoned wizard uploads are deleted after the configured time. */
	@Scheduled(fixedDelayString = "${ontask.upload.sweep-interval:10m}")
	void sweep() {
		Path dir = this.properties.uploadDir();
		if (!Files.isDirectory(dir)) {
			return;
		}
		Instant before = Instant.now().minus(this.properties.tempTtl());
		try (Stream<Path> files = Files.list(dir)) {
			files.filter((f) -> {
				try {
					return Files.getLastModifiedTime(f).toInstant().isBefore(before);
				}
				catch (IOException ex) {
					return false;
				}
			}).forEach(this::discard);
		}
		catch (IOException ex) {
			log.warn("Could not sweep the upload area {}: {}", dir, ex.getMessage());
		}
	}

	/**
	 * Reads a whole file once: header, inferred types, key candidates, row count, first
	 * rows. Every structural problem (encoding, quotes, ragged lines, header) is found
	 * here with its line.
	 * @param file the file
	 * @param options how to read it
	 * @return what the file holds
	 * @throws DataRejectedException naming the problem
	 */
	public Inspection inspect(Path file, UploadOptions options) {
		checkSize(file, options);
		try (RecordReader reader = open(file, options)) {
			List<String> header = reader.header();
			ColumnProfile[] profiles = new ColumnProfile[header.size()];
			for (int i = 0; i < profiles.length; i++) {
				profiles[i] = new ColumnProfile();
			}
			List<List<String>> preview = new ArrayList<>();
			long rows = 0;
			String[] values;
			while ((values = reader.next()) != null) {
				for (int i = 0; i < profiles.length; i++) {
					profiles[i].observe(values[i]);
				}
				if (preview.size() < PREVIEW_ROWS) {
					preview.add(Arrays.asList(values));
				}
				rows++;
			}
			if (rows == 0) {
				throw new DataRejectedException("The file has a header but no rows.");
			}
			return new Inspection(header, Arrays.stream(profiles).map(ColumnProfile::type).toList(),
					Arrays.stream(profiles).map(ColumnProfile::wholeNumbers).toList(),
					Arrays.stream(profiles).map(ColumnProfile::keyCandidate).toList(), rows, preview);
		}
		catch (IOException ex) {
			throw new DataRejectedException("The file could not be read: " + ex.getMessage());
		}
	}

	/**
	 * What {@code PUT /api/workflows/{id}/table} does with its CSV body: spools it,
	 * infers types and (unless named) key columns, and replaces the table.
	 * @param workflowId the workflow
	 * @param body the CSV bytes
	 * @param keyNames the key columns' names, or empty to detect them
	 * @param actorEmail who does it
	 * @return rows and columns stored
	 * @throws DataRejectedException naming what is wrong; the table is then unchanged
	 */
	public TableStore.Replaced replaceCsv(long workflowId, InputStream body, Collection<String> keyNames,
			String actorEmail) {
		long started = System.nanoTime();
		Path file = spool(body);
		log.debug("Upload to workflow {}: body received in {} ms", workflowId,
				(System.nanoTime() - started) / 1_000_000);
		try {
			try (Sample sample = sample(file, UploadOptions.CSV, !keyNames.isEmpty())) {
				List<ColumnChoice> choices = defaultChoices(sample.inspection(), keyNames);
				if (choices.stream().anyMatch(ColumnChoice::key)) {
					boolean[] inferred = new boolean[choices.size()];
					Arrays.fill(inferred, true);
					List<ColumnSpec> specs = choices.stream()
						.map((c) -> new ColumnSpec(c.name(), c.type(), c.key()))
						.toList();
					return this.store.replace(workflowId, specs,
							onePass(sample, choices, inferred, keyNames.isEmpty(), !keyNames.isEmpty()), actorEmail);
				}
			}
			catch (SampleContradicted ex) {
				log.debug("Upload to workflow {}: the first rows' types do not hold for the whole file, "
						+ "reading it twice", workflowId);
			}
			catch (IOException ex) {
				throw new DataRejectedException("The file could not be read: " + ex.getMessage());
			}
			Inspection inspection = inspect(file, UploadOptions.CSV);
			List<ColumnChoice> choices = defaultChoices(inspection, keyNames);
			return replace(workflowId, file, UploadOptions.CSV, choices, actorEmail);
		}
		finally {
			discard(file);
		}
	}

	/**
	 * What {@code POST /api/workflows/{id}/table/merge} does with its CSV body: spools
	 * it, infers the types of new columns and merges it into the table.
	 * @param workflowId the workflow
	 * @param body the CSV bytes
	 * @param leftOn the table's key column
	 * @param rightOn the body's column to match with
	 * @param how {@code inner}, {@code outer}, {@code left} or {@code right}
	 * @param actorEmail who does it
	 * @return the outcome
	 * @throws DataRejectedException naming what is wrong; the table is then unchanged
	 */
	public MergeOutcome mergeCsv(long workflowId, InputStream body, String leftOn, String rightOn, String how,
			String actorEmail) {
		MergeHow method = MergeHow.of(how);
		Path file = spool(body);
		try {
			try (Sample sample = sample(file, UploadOptions.CSV, true)) {
				List<ColumnChoice> choices = notKeys(defaultChoices(sample.inspection(), List.of()));
				return merge(workflowId, choices, leftOn, rightOn, method, actorEmail, false,
						(typed, inferred) -> onePass(sample, typed, inferred, false, true));
			}
			catch (SampleContradicted ex) {
				log.debug("Merge into workflow {}: the first rows' types do not hold for the whole file, "
						+ "reading it twice", workflowId);
			}
			catch (IOException ex) {
				throw new DataRejectedException("The file could not be read: " + ex.getMessage());
			}
			Inspection inspection = inspect(file, UploadOptions.CSV);
			List<ColumnChoice> choices = notKeys(defaultChoices(inspection, List.of()));
			return merge(workflowId, file, UploadOptions.CSV, choices, leftOn, rightOn, method, actorEmail, false);
		}
		finally {
			discard(file);
		}
	}

	private static List<ColumnChoice> notKeys(List<ColumnChoice> choices) {
		return choices.stream().map((c) -> new ColumnChoice(c.source(), c.name(), c.type(), false)).toList();
	}

	/**
	 * The first rows of a file, read and profiled, with the reader positioned after them:
	 * the types and keys they suggest are used at once, and {@link #onePass} checks while
	 * loading that the whole file agrees.
	 */
	private Sample sample(Path file, UploadOptions options, boolean keysKnown) throws IOException {
		checkSize(file, options);
		RecordReader reader = open(file, options);
		try {
			List<String> header = reader.header();
			ColumnProfile[] profiles = new ColumnProfile[header.size()];
			for (int i = 0; i < profiles.length; i++) {
				profiles[i] = new ColumnProfile();
				if (keysKnown) {
					profiles[i].ignoreKey();
				}
			}
			List<String[]> rows = new ArrayList<>();
			long[] lines = new long[SAMPLE_ROWS];
			String[] values;
			while (rows.size() < SAMPLE_ROWS && (values = reader.next()) != null) {
				for (int i = 0; i < profiles.length; i++) {
					profiles[i].observe(values[i]);
				}
				lines[rows.size()] = reader.line();
				rows.add(values);
			}
			if (rows.isEmpty()) {
				throw new DataRejectedException("The file has a header but no rows.");
			}
			List<List<String>> preview = rows.stream().limit(PREVIEW_ROWS).map(Arrays::asList).toList();
			Inspection inspection = new Inspection(header, Arrays.stream(profiles).map(ColumnProfile::type).toList(),
					Arrays.stream(profiles).map(ColumnProfile::wholeNumbers).toList(),
					Arrays.stream(profiles).map(ColumnProfile::keyCandidate).toList(), rows.size(), preview);
			return new Sample(reader, profiles, rows, lines, inspection);
		}
		catch (IOException | RuntimeException ex) {
			reader.close();
			throw ex;
		}
	}

	/**
	 * The rows of a {@link Sample} and then the rest of the file, converted in the same
	 * pass that goes into COPY. A value of an inferred column that does not convert, or a
	 * whole-file type or key candidate that differs from the sample's, throws
	 * {@link SampleContradicted}: the store's transaction rolls back and the caller reads
	 * the file twice instead, so the outcome is exactly that of {@link #inspect} followed
	 * by {@link #replace} or {@link #merge}.
	 * @param inferred per choice, whether its type (and key flag) came from the sample
	 * @param keysInferred whether key columns were chosen from the sample
	 * @param keysKnown whether the profiles skip key detection
	 */
	private RowProducer onePass(Sample sample, List<ColumnChoice> choices, boolean[] inferred, boolean keysInferred,
			boolean keysKnown) {
		return (sink) -> {
			RowConverter converter = new RowConverter(choices, inferred, this.zone);
			for (int r = 0; r < sample.rows().size(); r++) {
				sink.row(converter.convert(sample.rows().get(r), sample.lines()[r]));
			}
			sample.rows().clear();
			ColumnProfile[] profiles = sample.profiles();
			RecordReader reader = sample.reader();
			String[] values;
			while ((values = reader.next()) != null) {
				for (int i = 0; i < profiles.length; i++) {
					profiles[i].observe(values[i]);
				}
				sink.row(converter.convert(values, reader.line()));
			}
			for (int i = 0; i < choices.size(); i++) {
				ColumnChoice choice = choices.get(i);
				if (!inferred[i]) {
					continue;
				}
				ColumnProfile profile = profiles[choice.source()];
				if (profile.type() != choice.type()) {
					throw new SampleContradicted();
				}
				if (keysInferred && !keysKnown) {
					boolean key = profile.keyCandidate()
							&& (choice.type() == ColumnType.INTEGER || choice.type() == ColumnType.STRING);
					if (key != choice.key()) {
						throw new SampleContradicted();
					}
				}
			}
		};
	}

	/**
	 * The first rows of a file and its reader, positioned after them.
	 *
	 * @param reader the open reader
	 * @param profiles one per file column, fed with every row read so far
	 * @param rows the rows read so far (cleared once loaded)
	 * @param lines the line of each row
	 * @param inspection what the rows suggest
	 */
	private record Sample(RecordReader reader, ColumnProfile[] profiles, List<String[]> rows, long[] lines,
			Inspection inspection) implements java.io.Closeable {

		@Override
		public void close() throws IOException {
			this.reader.close();
		}

	}

	/**
	 * The first rows said one thing about a column, a later row another: redo the upload
	 * in two passes (no stack trace; it is control flow).
	 */
	private static final class SampleContradicted extends RuntimeException {

		SampleContradicted() {
			super("The first rows' types do not hold for the whole file", null, false, false);
		}

	}

	/**
	 * Converts a row of text to typed values, refusing with the line and column (or, for
	 * a column whose type was only inferred from the first rows, with
	 * {@link SampleContradicted}). Reuses one array: the sink encodes it at once.
	 */
	private static final class RowConverter {

		private final ColumnChoice[] choices;

		private final int[] sources;

		private final ColumnType[] types;

		private final boolean[] keys;

		private final boolean[] inferred;

		private final ZoneId zone;

		private final Object[] row;

		RowConverter(List<ColumnChoice> choices, boolean[] inferred, ZoneId zone) {
			this.choices = choices.toArray(ColumnChoice[]::new);
			this.sources = choices.stream().mapToInt(ColumnChoice::source).toArray();
			this.types = choices.stream().map(ColumnChoice::type).toArray(ColumnType[]::new);
			this.keys = new boolean[this.choices.length];
			for (int i = 0; i < this.keys.length; i++) {
				this.keys[i] = this.choices[i].key();
			}
			this.inferred = inferred;
			this.zone = zone;
			this.row = new Object[this.choices.length];
		}

		Object[] convert(String[] values, long line) {
			Object[] row = this.row;
			for (int i = 0; i < row.length; i++) {
				try {
					row[i] = this.types[i].parse(values[this.sources[i]], this.zone);
				}
				catch (IllegalArgumentException ex) {
					if (this.inferred[i]) {
						throw new SampleContradicted();
					}
					ColumnChoice choice = this.choices[i];
					throw new DataRejectedException("Line " + line + ", column '" + choice.name() + "': "
							+ ex.getMessage() + " (the column is " + choice.type().label() + ").");
				}
				if (row[i] == null && this.keys[i]) {
					if (this.inferred[i]) {
						throw new SampleContradicted();
					}
					throw new DataRejectedException("Line " + line + ": the key column '" + this.choices[i].name()
							+ "' is empty; every row needs a key value.");
				}
			}
			return row;
		}

	}

	/**
	 * Every column of the file with its inferred type; as keys the named columns, or else
	 * every key candidate of type integer or string.
	 * @param inspection the file's inspection
	 * @param keyNames the key columns' names, or empty to detect them
	 * @return the choices
	 * @throws DataRejectedException when a named key is not in the file or no column can
	 * be a key
	 */
	public List<ColumnChoice> defaultChoices(Inspection inspection, Collection<String> keyNames) {
		Map<String, Integer> byName = new HashMap<>();
		for (int i = 0; i < inspection.header().size(); i++) {
			byName.put(inspection.header().get(i).toLowerCase(Locale.ROOT), i);
		}
		boolean[] keys = new boolean[inspection.header().size()];
		for (String name : keyNames) {
			Integer at = byName.get(name.strip().toLowerCase(Locale.ROOT));
			if (at == null) {
				throw new DataRejectedException("The file has no column named '" + name + "' to use as key.");
			}
			keys[at] = true;
		}
		if (keyNames.isEmpty()) {
			for (int i = 0; i < keys.length; i++) {
				ColumnType type = inspection.types().get(i);
				keys[i] = inspection.keyCandidates().get(i)
						&& (type == ColumnType.INTEGER || type == ColumnType.STRING);
			}
		}
		List<ColumnChoice> choices = new ArrayList<>();
		for (int i = 0; i < keys.length; i++) {
			choices.add(new ColumnChoice(i, inspection.header().get(i), inspection.types().get(i), keys[i]));
		}
		return choices;
	}

	/**
	 * Replaces a workflow's table with the chosen columns of a file.
	 * @param workflowId the workflow
	 * @param file the file
	 * @param options how to read it
	 * @param choices the columns to load (at least one key)
	 * @param actorEmail who does it
	 * @return rows and columns stored
	 * @throws DataRejectedException naming the line and column of a value that does not
	 * fit, or a missing or repeated key; the table is then unchanged
	 */
	public TableStore.Replaced replace(long workflowId, Path file, UploadOptions options, List<ColumnChoice> choices,
			String actorEmail) {
		checkChoices(choices);
		if (choices.stream().noneMatch(ColumnChoice::key)) {
			throw new DataRejectedException("No column is a key: a table needs at least one column whose values "
					+ "are all present and different (e.g. a student id or an email).");
		}
		List<ColumnSpec> specs = choices.stream().map((c) -> new ColumnSpec(c.name(), c.type(), c.key())).toList();
		return this.store.replace(workflowId, specs, producer(file, options, choices), actorEmail);
	}

	/**
	 * Merges the chosen columns of a file into a workflow's table. Columns whose name is
	 * already in the table are read as that column's type (a value that does not convert
	 * is refused with its line); the right key is read as the left key's type.
	 * @param workflowId the workflow
	 * @param file the file
	 * @param options how to read it
	 * @param choices the columns to load
	 * @param leftKey the name of the table's key column to match on
	 * @param rightKey the name (after renaming) of the file's column to match with
	 * @param how which rows are kept
	 * @param actorEmail who does it
	 * @param preview {@code true} to compute the outcome only
	 * @return the outcome
	 * @throws DataRejectedException when a key is unknown, a value does not fit, or the
	 * merge would break a key; the table is then unchanged
	 */
	public MergeOutcome merge(long workflowId, Path file, UploadOptions options, List<ColumnChoice> choices,
			String leftKey, String rightKey, MergeHow how, String actorEmail, boolean preview) {
		return merge(workflowId, choices, leftKey, rightKey, how, actorEmail, preview,
				(typed, inferred) -> producer(file, options, typed));
	}

	private MergeOutcome merge(long workflowId, List<ColumnChoice> choices, String leftKey, String rightKey,
			MergeHow how, String actorEmail, boolean preview,
			java.util.function.BiFunction<List<ColumnChoice>, boolean[], RowProducer> producer) {
		checkChoices(choices);
		List<DataColumn> existing = this.store.columns(workflowId);
		if (existing.isEmpty()) {
			throw new DataRejectedException("This workflow has no table to merge into yet: upload one first.");
		}
		DataColumn left = existing.stream()
			.filter((c) -> c.name().equalsIgnoreCase(leftKey.strip()))
			.findFirst()
			.orElseThrow(() -> new DataRejectedException("The table has no column named '" + leftKey + "'."));
		if (!left.key()) {
			throw new DataRejectedException("The column '" + left.name() + "' of the table is not a key column.");
		}
		int right = -1;
		for (int i = 0; i < choices.size(); i++) {
			if (choices.get(i).name().equalsIgnoreCase(rightKey.strip())) {
				right = i;
			}
		}
		if (right < 0) {
			throw new DataRejectedException("The new data has no column named '" + rightKey + "' to match on.");
		}
		Map<String, DataColumn> byName = new HashMap<>();
		existing.forEach((c) -> byName.put(c.name().toLowerCase(Locale.ROOT), c));
		List<ColumnChoice> typed = new ArrayList<>();
		boolean[] inferred = new boolean[choices.size()];
		for (int i = 0; i < choices.size(); i++) {
			ColumnChoice choice = choices.get(i);
			DataColumn target = (i == right) ? left : byName.get(choice.name().toLowerCase(Locale.ROOT));
			ColumnType type = (target != null) ? target.type() : choice.type();
			boolean key = (target == null) && choice.key();
			inferred[i] = (target == null);
			typed.add(new ColumnChoice(choice.source(), choice.name(), type, key || i == right));
		}
		List<ColumnSpec> specs = new ArrayList<>();
		for (int i = 0; i < typed.size(); i++) {
			ColumnChoice c = typed.get(i);
			specs.add(new ColumnSpec(c.name(), c.type(), i != right && c.key()));
		}
		return this.store.merge(workflowId, new MergeSpec(how, left.id(), specs, right),
				producer.apply(typed, inferred), actorEmail, preview);
	}

	private void checkChoices(List<ColumnChoice> choices) {
		if (choices.isEmpty()) {
			throw new DataRejectedException("Choose at least one column to load.");
		}
	}

	private void checkSize(Path file, UploadOptions options) {
		try {
			long size = Files.size(file);
			if (size == 0) {
				throw new DataRejectedException("The file is empty.");
			}
			if (size > this.properties.maxSize().toBytes()) {
				throw tooLarge();
			}
			if (options.format() == UploadFormat.EXCEL && size > this.properties.maxExcelSize().toBytes()) {
				throw new DataRejectedException(HttpStatus.CONTENT_TOO_LARGE, "An Excel workbook can be at most "
						+ UploadProperties.describe(this.properties.maxExcelSize()) + "; save larger data as CSV.");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private RecordReader open(Path file, UploadOptions options) throws IOException {
		return switch (options.format()) {
			case CSV -> new CsvRecordReader(file, options);
			case EXCEL -> new ExcelRecordReader(file, options.sheet());
			case JSON -> new JsonRecordReader(file);
		};
	}

	/** Second pass: each value converted to its chosen type, or refused with its line. */
	private RowProducer producer(Path file, UploadOptions options, List<ColumnChoice> choices) {
		return (sink) -> {
			try (RecordReader reader = open(file, options)) {
				int width = reader.header().size();
				for (ColumnChoice choice : choices) {
					if (choice.source() < 0 || choice.source() >= width) {
						throw new DataRejectedException("The file has no column " + (choice.source() + 1) + ".");
					}
				}
				RowConverter converter = new RowConverter(choices, new boolean[choices.size()], this.zone);
				String[] values;
				while ((values = reader.next()) != null) {
					sink.row(converter.convert(values, reader.line()));
				}
			}
		};
	}

}
