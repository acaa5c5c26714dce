package org.ontask.dataops.upload;

import java.util.List;

import org.ontask.dataops.store.ColumnType;

/**
 * What a first pass over a whole file found (nothing is stored yet).
 *
 * @param header the column names
 * @param types the inferred type of each column
 * @param wholeNumbers whether each column holds only whole numbers
 * @param keyCandidates whether each column could be a key (no empty value, none twice)
 * @param rows the number of rows
 * @param preview the first rows, as text
 */
public record Inspection(List<String> header, List<ColumnType> types, List<Boolean> wholeNumbers,
		List<Boolean> keyCandidates, long rows, List<List<String>> preview) {

}
