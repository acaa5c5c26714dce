/**
 * Conditions and filters: the original OnTask's formula JSON (jQuery QueryBuilder rules)
 * parsed into a {@link org.ontask.formula.Formula}, checked against the table's columns
 * through a {@link org.ontask.formula.ColumnResolver}, rendered as parameterised SQL
 * ({@link org.ontask.formula.SqlFragment}) and as readable text, and evaluated in memory.
 * {@link org.ontask.formula.Formulas} lists and renames columns in stored JSON.
 * <p>
 * <b>One null semantics</b>, used by the SQL and by the evaluator alike, so counts,
 * selections and {@code {% if %}} always agree:
 * <ul>
 * <li>A missing value is SQL NULL (a {@code null} in a row map; a double NaN counts as
 * missing). The empty string is a value, distinct from NULL, except for
 * {@code is_empty}/{@code is_not_empty}.</li>
 * <li>Every rule is TRUE or FALSE, never unknown.</li>
 * <li>Every operator that compares with a constant ({@code equal}, {@code not_equal}, the
 * six text operators, {@code less}…{@code greater_or_equal}, {@code between},
 * {@code not_between}) is FALSE on a missing value, the negative ones included: a missing
 * value is neither equal nor unequal to anything. {@code not_equal} is the complement of
 * {@code equal} among present values only.</li>
 * <li>{@code is_null} is TRUE exactly on a missing value, {@code is_not_null} is its
 * complement.</li>
 * <li>{@code is_empty} (text only) is TRUE on a missing value or the empty string,
 * {@code is_not_empty} is its complement.</li>
 * <li>A group is the AND or OR of its rules; a group without rules is TRUE (the empty
 * formula selects every row); {@code not} is the exact complement of the group's
 * result.</li>
 * </ul>
 * The SQL renders each rule so it cannot be NULL (comparisons are ANDed with
 * {@code IS NOT NULL}), which makes {@code NOT} a true complement. Text matching is
 * case-sensitive and literal ({@code %} and {@code _} in a constant match themselves).
 */
package org.ontask.formula;
