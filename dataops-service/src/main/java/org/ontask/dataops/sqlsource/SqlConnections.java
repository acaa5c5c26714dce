package org.ontask.dataops.sqlsource;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.ontask.dataops.store.DataRejectedException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The SQL connections of each user: checked, stored with the password encrypted, and
 * opened only by the user who made them.
 */
@Service
class SqlConnections {

	private final JdbcTemplate jdbc;

	private final SecretCipher cipher;

	SqlConnections(JdbcTemplate jdbc, SecretCipher cipher) {
		this.jdbc = jdbc;
		this.cipher = cipher;
	}

	List<SqlConnection> of(String email) {
		return this.jdbc.query(
				"SELECT id, name, jdbc_url, db_user, password_secret IS NOT NULL AS has_password FROM sql_connection"
						+ " WHERE owner_email = ? ORDER BY lower(name)",
				(rs, i) -> new SqlConnection(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getBoolean(5)),
				email);
	}

	SqlConnection get(String email, long id) {
		return of(email).stream()
			.filter((c) -> c.id() == id)
			.findFirst()
			.orElseThrow(() -> new DataRejectedException(HttpStatus.NOT_FOUND, "No such SQL connection."));
	}

	/**
	 * Creates a connection.
	 * @param email the user
	 * @param form the entered values
	 * @return its id
	 */
	long create(String email, Form form) {
		Form checked = form.checked();
		byte[] secret = checked.password().isEmpty() ? null : this.cipher.encrypt(checked.password());
		Timestamp now = Timestamp.from(Instant.now());
		try {
			return this.jdbc.queryForObject(
					"INSERT INTO sql_connection (owner_email, name, jdbc_url, db_user, password_secret, created_at,"
							+ " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
					Long.class, email, checked.name(), checked.url(), checked.user(), secret, now, now);
		}
		catch (DuplicateKeyException ex) {
			throw duplicate(checked.name());
		}
	}

	/**
	 * Changes a connection; an empty password keeps the stored one.
	 * @param email the user
	 * @param id the connection
	 * @param form the entered values
	 */
	void update(String email, long id, Form form) {
		get(email, id);
		Form checked = form.checked();
		Timestamp now = Timestamp.from(Instant.now());
		try {
			if (checked.password().isEmpty()) {
				this.jdbc.update(
						"UPDATE sql_connection SET name = ?, jdbc_url = ?, db_user = ?, updated_at = ?"
								+ " WHERE id = ? AND owner_email = ?",
						checked.name(), checked.url(), checked.user(), now, id, email);
			}
			else {
				this.jdbc.update(
						"UPDATE sql_connection SET name = ?, jdbc_url = ?, db_user = ?, password_secret = ?,"
								+ " updated_at = ? WHERE id = ? AND owner_email = ?",
						checked.name(), checked.url(), checked.user(), this.cipher.encrypt(checked.password()), now, id,
						email);
			}
		}
		catch (DuplicateKeyException ex) {
			throw duplicate(checked.name());
		}
	}

	void delete(String email, long id) {
		get(email, id);
		this.jdbc.update("DELETE FROM sql_connection WHERE id = ? AND owner_email = ?", id, email);
	}

	/**
	 * The decrypted password of a connection, for opening it (never shown or logged).
	 * @param email the user
	 * @param id the connection
	 * @return the password, empty when none is stored
	 */
	String password(String email, long id) {
		byte[] secret = this.jdbc.queryForObject(
				"SELECT password_secret FROM sql_connection WHERE id = ? AND owner_email = ?", byte[].class, id, email);
		return (secret != null) ? this.cipher.decrypt(secret) : "";
	}

	private static DataRejectedException duplicate(String name) {
		return new DataRejectedException("You already have a SQL connection named '" + name + "'.");
	}

	/**
	 * What the connection form sends.
	 *
	 * @param name the name
	 * @param url the JDBC URL
	 * @param user the database user
	 * @param password the password, empty for none (or, when editing, to keep it)
	 */
	record Form(String name, String url, String user, String password) {

		Form checked() {
			String n = (this.name != null) ? this.name.strip() : "";
			if (n.isEmpty() || n.length() > 255) {
				throw new DataRejectedException("Give the connection a name of at most 255 characters.");
			}
			String u = (this.user != null) ? this.user.strip() : "";
			if (u.isEmpty() || u.length() > 255) {
				throw new DataRejectedException("Enter the database user (at most 255 characters).");
			}
			return new Form(n, SqlUrls.check(this.url), u, (this.password != null) ? this.password : "");
		}

		@Override
		public String toString() {
			// the password never reaches a log line through this record
			return "Form[name=" + this.name + ", url=" + this.url + ", user=" + this.user + "]";
		}

	}

}
