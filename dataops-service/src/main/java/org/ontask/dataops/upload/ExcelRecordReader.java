package org.ontask.dataops.upload;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.ontask.dataops.store.DataRejectedException;

/**
 * Reads one sheet of an {@code .xlsx} workbook: the first non-empty row is the header,
 * empty rows are skipped. Zip bombs are refused by POI's {@link ZipSecureFile} limits
 * (minimum inflate ratio, maximum entry and text sizes), set once here.
 */
final class ExcelRecordReader implements RecordReader {

	static {
		// an entry that inflates more than 100x, or beyond 256 MB, is a bomb, not a sheet
		ZipSecureFile.setMinInflateRatio(0.01);
		ZipSecureFile.setMaxEntrySize(256L * 1024 * 1024);
		ZipSecureFile.setMaxTextSize(64L * 1024 * 1024);
	}

	private final XSSFWorkbook workbook;

	private final Iterator<org.apache.poi.ss.usermodel.Row> rows;

	private final List<String> header;

	private long line;

	ExcelRecordReader(Path file, String sheetName) throws IOException {
		try {
			this.workbook = new XSSFWorkbook(OPCPackage.open(file.toFile(), PackageAccess.READ));
		}
		catch (InvalidFormatException | IOException | RuntimeException ex) {
			if (isZipBomb(ex)) {
				throw new DataRejectedException(
						"The workbook expands to far more data than its size suggests (a zip bomb?), so it was refused.");
			}
			throw new DataRejectedException("The file is not an Excel workbook (.xlsx).");
		}
		Sheet sheet;
		if (sheetName == null || sheetName.isBlank()) {
			sheet = (this.workbook.getNumberOfSheets() > 0) ? this.workbook.getSheetAt(0) : null;
		}
		else {
			sheet = this.workbook.getSheet(sheetName.strip());
		}
		if (sheet == null) {
			List<String> names = new ArrayList<>();
			this.workbook.forEach((s) -> names.add(s.getSheetName()));
			this.workbook.close();
			throw new DataRejectedException("The workbook has no sheet named '" + sheetName + "'; its sheets are "
					+ String.join(", ", names) + ".");
		}
		this.rows = sheet.rowIterator();
		String[] first = nextNonEmpty(-1);
		if (first == null) {
			this.workbook.close();
			throw new DataRejectedException("The sheet '" + sheet.getSheetName() + "' is empty.");
		}
		int width = first.length;
		while (width > 0 && first[width - 1].isBlank()) {
			width--;
		}
		try {
			this.header = Headers.check(List.of(first).subList(0, width));
		}
		catch (DataRejectedException ex) {
			this.workbook.close();
			throw ex;
		}
	}

	private static boolean isZipBomb(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			String message = String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT);
			if (message.contains("zip bomb") || message.contains("max entry size")
					|| message.contains("exceeds the max")) {
				return true;
			}
			for (Throwable suppressed : cause.getSuppressed()) {
				if (isZipBomb(suppressed)) {
					return true;
				}
			}
		}
		return false;
	}

	static List<String> sheetNames(Path file) throws IOException {
		try (ExcelRecordReader reader = new ExcelRecordReader(file, null)) {
			List<String> names = new ArrayList<>();
			reader.workbook.forEach((s) -> names.add(s.getSheetName()));
			return names;
		}
	}

	@Override
	public List<String> header() {
		return this.header;
	}

	@Override
	public String[] next() {
		String[] values = nextNonEmpty(this.header.size());
		if (values == null) {
			return null;
		}
		for (int i = this.header.size(); i < values.length; i++) {
			if (!values[i].isBlank()) {
				throw new DataRejectedException("Row " + this.line + " has a value in column " + (i + 1)
						+ ", beyond the header's " + this.header.size() + " columns.");
			}
		}
		String[] row = new String[this.header.size()];
		System.arraycopy(values, 0, row, 0, Math.min(values.length, row.length));
		for (int i = values.length; i < row.length; i++) {
			row[i] = "";
		}
		return row;
	}

	@Override
	public long line() {
		return this.line;
	}

	@Override
	public void close() throws IOException {
		this.workbook.close();
	}

	private String[] nextNonEmpty(int width) {
		while (this.rows.hasNext()) {
			org.apache.poi.ss.usermodel.Row row = this.rows.next();
			this.line = row.getRowNum() + 1L;
			int cells = Math.max(Math.max(row.getLastCellNum(), 0), Math.max(width, 0));
			String[] values = new String[cells];
			boolean empty = true;
			for (int i = 0; i < cells; i++) {
				values[i] = text(row.getCell(i));
				empty &= values[i].isBlank();
			}
			if (!empty) {
				return values;
			}
		}
		return null;
	}

	private static String text(Cell cell) {
		if (cell == null) {
			return "";
		}
		CellType type = (cell.getCellType() == CellType.FORMULA) ? cell.getCachedFormulaResultType()
				: cell.getCellType();
		return switch (type) {
			case STRING -> cell.getStringCellValue();
			case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
			case NUMERIC -> {
				if (DateUtil.isCellDateFormatted(cell)) {
					LocalDateTime time = cell.getLocalDateTimeCellValue();
					yield (time != null) ? time.toString().replace('T', ' ') : "";
				}
				double number = cell.getNumericCellValue();
				if (number == Math.rint(number) && Math.abs(number) < 1e15) {
					yield Long.toString((long) number);
				}
				yield BigDecimal.valueOf(number).toPlainString();
			}
			default -> "";
		};
	}

}
