/**
 * Who owns which workflow, as workflow-service announces it ({@code workflow.created},
 * {@code workflow.renamed}, {@code workflow.transferred}, {@code workflow.deleted}), so
 * an account that still owns workflows is not deleted.
 */
package org.ontask.auth.ownership;
