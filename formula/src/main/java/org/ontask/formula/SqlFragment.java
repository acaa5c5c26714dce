package org.ontask.formula;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A boolean SQL expression with {@code ?} placeholders and the values to bind to them, in
 * order. Fragments rendered from a {@link Formula} are two-valued: they are never NULL,
 * so they can be negated and combined without SQL's three-valued logic changing the
 * result.
 * <p>
 * Parameters are typed Java values: {@link Long}, {@link Double}, {@link String},
 * {@link Boolean} and {@link java.time.OffsetDateTime}, which the PostgreSQL driver binds
 * as {@code bigint}, {@code double precision}, {@code varchar}, {@code boolean} and
 * {@code timestamp with time zone}.
 *
 * @param sql the expression
 * @param parameters the values of the placeholders, none of them null
 */
public record SqlFragment(String sql, List<Object> parameters) {

	/** Every row. */
	public static final SqlFragment TRUE = new SqlFragment("TRUE", List.of());

	/** No row. */
	public static final SqlFragment FALSE = new SqlFragment("FALSE", List.of());

	/**
	 * Copies the parameters.
	 * @param sql the expression
	 * @param parameters the values of the placeholders
	 */
	public SqlFragment {
		Objects.requireNonNull(sql, "sql");
		parameters = List.copyOf(parameters);
	}

	/**
	 * Both this and the other expression.
	 * @param other another fragment
	 * @return {@code (this) AND (other)}
	 */
	public SqlFragment and(SqlFragment other) {
		return combine("AND", List.of(this, other));
	}

	/**
	 * This or the other expression.
	 * @param other another fragment
	 * @return {@code (this) OR (other)}
	 */
	public SqlFragment or(SqlFragment other) {
		return combine("OR", List.of(this, other));
	}

	/**
	 * The negation; exact for fragments rendered from a formula, which are never NULL.
	 * @return {@code NOT (this)}
	 */
	public SqlFragment not() {
		return new SqlFragment("NOT (" + this.sql + ")", this.parameters);
	}

	/**
	 * All of the fragments ({@link #TRUE} for none).
	 * @param fragments the fragments
	 * @return their conjunction
	 */
	public static SqlFragment allOf(List<SqlFragment> fragments) {
		return fragments.isEmpty() ? TRUE : combine("AND", fragments);
	}

	/**
	 * Any of the fragments ({@link #FALSE} for none).
	 * @param fragments the fragments
	 * @return their disjunction
	 */
	public static SqlFragment anyOf(List<SqlFragment> fragments) {
		return fragments.isEmpty() ? FALSE : combine("OR", fragments);
	}

	private static SqlFragment combine(String connective, List<SqlFragment> fragments) {
		StringBuilder sql = new StringBuilder();
		List<Object> parameters = new ArrayList<>();
		for (SqlFragment fragment : fragments) {
			if (sql.length() > 0) {
				sql.append(' ').append(connective).append(' ');
			}
			sql.append('(').append(fragment.sql).append(')');
			parameters.addAll(fragment.parameters);
		}
		return new SqlFragment(sql.toString(), parameters);
	}

}
