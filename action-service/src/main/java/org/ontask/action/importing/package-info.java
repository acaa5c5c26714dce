/**
 * Import of the original OnTask's action export files (gzip'd JSON lists of actions with
 * the definitions of the columns they use), and the catalogue of ready-made surveys
 * (MSLQ, SPQ, SROLQ-R) shipped as such files. Everything is checked before anything is
 * created: missing columns are created through dataops (all or none), clashes are refused
 * with a message naming the column and both types.
 */
package org.ontask.action.importing;
