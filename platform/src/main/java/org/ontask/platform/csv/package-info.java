/**
 * The cells of the CSV files the services write, formula-like text neutralised.
 */
package org.ontask.platform.csv;
