package org.ontask.dataops.upload;

import org.ontask.dataops.store.ColumnType;

/**
 * One column of a file to load, as chosen in the wizard or by the API defaults.
 *
 * @param source index of the column in the file's header
 * @param name the name it gets
 * @param type the type its values are read as
 * @param key whether it is a key column
 */
public record ColumnChoice(int source, String name, ColumnType type, boolean key) {

}
