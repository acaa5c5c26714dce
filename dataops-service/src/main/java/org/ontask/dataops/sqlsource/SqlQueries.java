package org.ontask.dataops.sqlsource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Properties;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.ontask.dataops.store.DataRejectedException;
import org.ontask.dataops.upload.Uploads;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Runs a user's query on a remote PostgreSQL database and streams its result, row by row
 * with a cursor, into a CSV file of the upload temp area, which the upload wizard then
 * inspects like any uploaded file (types inferred, keys detected). The query runs in a
 * READ ONLY transaction that is always rolled back, under a statement timeout and a row
 * limit, and must be a single statement.
 */
@Service
class SqlQueries {

	private final Uploads uploads;

	private final Duration timeout;

	private final int maxRows;

	SqlQueries(Uploads uploads, @Value("${ontask.sql-source.statement-timeout:60s}") Duration timeout,
			@Value("${ontask.sql-source.max-rows:1000000}") int maxRows) {
		this.uploads = uploads;
		this.timeout = timeout;
		this.maxRows = maxRows;
	}

	/**
	 * Runs the query and writes its result.
	 * @param connection the connection
	 * @param password its decrypted password (empty for none)
	 * @param query the query
	 * @return a CSV file of the temp area (the caller discards it)
	 * @throws DataRejectedException with a message for users (never the password) when
	 * the query is refused or fails
	 */
	Path run(SqlConnection connection, String password, String query) {
		String sql = singleStatement(query);
		Path file = this.uploads.newTempFile();
		try (Connection db = open(connection, password)) {
			db.setAutoCommit(false);
			db.setReadOnly(true);
			try (Statement setup = db.createStatement()) {
				// the server refuses every write in this transaction; a write hidden in a
				// function is refused too
				setup.execute("SET TRANSACTION READ ONLY");
				setup.execute("SET LOCAL statement_timeout = " + this.timeout.toMillis());
			}
			try (Statement statement = db.createStatement()) {
				statement.setFetchSize(1000);
				statement.setMaxRows(this.maxRows + 1);
				try (ResultSet rows = statement.executeQuery(sql)) {
					write(rows, file);
				}
			}
			finally {
				db.rollback();
			}
			return file;
		}
		catch (SQLException ex) {
			this.uploads.discard(file);
			throw new DataRejectedException(
					"The query failed on '" + connection.name() + "': " + hide(ex.getMessage(), password) + ".");
		}
		catch (RuntimeException ex) {
			this.uploads.discard(file);
			throw ex;
		}
	}

	private Connection open(SqlConnection connection, String password) {
		Properties props = new Properties();
		props.setProperty("user", connection.user());
		props.setProperty("password", password);
		props.setProperty("connectTimeout", "10");
		props.setProperty("loginTimeout", "10");
		// a little longer than the statement timeout, so the server's message arrives
		// first
		props.setProperty("socketTimeout", String.valueOf(this.timeout.toSeconds() + 30));
		props.setProperty("ApplicationName", "OnTask SQL source");
		props.setProperty("readOnly", "true");
		// every transaction of this session is read only, even one the query text might
		// try to start after its own COMMIT
		props.setProperty("options", "-c default_transaction_read_only=on");
		try {
			String url = SqlUrls.check(connection.jdbcUrl());
			Connection db = DriverManager.getDriver(url).connect(url, props);
			if (db == null) {
				throw new DataRejectedException("The JDBC URL of '" + connection.name() + "' is not a PostgreSQL URL.");
			}
			return db;
		}
		catch (SQLException ex) {
			throw new DataRejectedException("Could not connect to '" + connection.name() + "': "
					+ hide(ex.getMessage(), password) + ". Check the URL, the user and the password.");
		}
	}

	private void write(ResultSet rows, Path file) throws SQLException {
		ResultSetMetaData meta = rows.getMetaData();
		int width = meta.getColumnCount();
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
				CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get())) {
			for (int i = 1; i <= width; i++) {
				csv.print(meta.getColumnLabel(i));
			}
			csv.println();
			long count = 0;
			while (rows.next()) {
				if (++count > this.maxRows) {
					throw new DataRejectedException("The query returned more than " + this.maxRows
							+ " rows, the limit of a SQL source: narrow it down (WHERE, LIMIT).");
				}
				for (int i = 1; i <= width; i++) {
					csv.print(text(rows, i, meta.getColumnType(i)));
				}
				csv.println();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	// values as the CSV reader's type inference reads them: ISO date-times, true/false
	private static String text(ResultSet rows, int i, int type) throws SQLException {
		Object value = switch (type) {
			case Types.TIMESTAMP -> rows.getObject(i, LocalDateTime.class);
			case Types.TIMESTAMP_WITH_TIMEZONE -> rows.getObject(i, OffsetDateTime.class);
			case Types.BOOLEAN, Types.BIT -> {
				boolean b = rows.getBoolean(i);
				yield rows.wasNull() ? null : b;
			}
			default -> rows.getString(i);
		};
		return (value != null) ? value.toString() : "";
	}

	private static String singleStatement(String query) {
		String sql = (query != null) ? query.strip() : "";
		while (sql.endsWith(";")) {
			sql = sql.substring(0, sql.length() - 1).strip();
		}
		if (sql.isEmpty()) {
			throw new DataRejectedException("Enter a query, for example SELECT * FROM students.");
		}
		if (sql.contains(";")) {
			throw new DataRejectedException("Enter a single statement: the query may not contain ';'.");
		}
		return sql;
	}

	// the driver's messages do not carry the password; this makes sure of it
	private static String hide(String message, String password) {
		String text = (message != null) ? message : "unknown error";
		if (password != null && !password.isEmpty()) {
			text = text.replace(password, "****");
		}
		return text;
	}

}
