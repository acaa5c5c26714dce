package org.ontask.formula;

import java.util.Map;
import java.util.Optional;

/**
 * Tells a formula what a user's column name stands for. The caller (dataops-service,
 * action-service) supplies it from its column metadata.
 */
@FunctionalInterface
public interface ColumnResolver {

	/**
	 * The column with this user-visible name.
	 * @param columnName the name as written in the formula (exact, case-sensitive)
	 * @return the column, or empty if the table has no such column
	 */
	Optional<ResolvedColumn> resolve(String columnName);

	/**
	 * A resolver over a fixed map.
	 * @param columns user name to column
	 * @return the resolver
	 */
	static ColumnResolver of(Map<String, ResolvedColumn> columns) {
		Map<String, ResolvedColumn> copy = Map.copyOf(columns);
		return (name) -> Optional.ofNullable(copy.get(name));
	}

	/**
	 * A resolver that knows types only, for in-memory evaluation and validation; a
	 * formula parsed with it cannot be rendered as SQL.
	 * @param types user name to type
	 * @return the resolver
	 */
	static ColumnResolver ofTypes(Map<String, ColumnType> types) {
		Map<String, ColumnType> copy = Map.copyOf(types);
		return (name) -> Optional.ofNullable(copy.get(name)).map(ResolvedColumn::typeOnly);
	}

}
