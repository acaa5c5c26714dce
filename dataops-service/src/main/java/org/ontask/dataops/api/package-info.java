/**
 * The table REST API under {@code /api/workflows/{id}/table} and
 * {@code /api/workflows/{id}/columns}.
 */
package org.ontask.dataops.api;
