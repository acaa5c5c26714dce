/**
 * CSV downloads of a table or a view, streamed from a database cursor; text a spreadsheet
 * would run as a formula is neutralised.
 */
package org.ontask.dataops.download;
