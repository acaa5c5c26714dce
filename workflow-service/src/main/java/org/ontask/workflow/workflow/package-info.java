/**
 * Workflows as wholes: create, list, open, rename and describe (versioned), attributes,
 * sharing, stars, transfer, delete, flush and clone coordination. Publishes on
 * {@code workflow.events} through the outbox: {@code workflow.created},
 * {@code workflow.renamed}, {@code workflow.described}, {@code workflow.attribute-set},
 * {@code workflow.attribute-removed}, {@code workflow.shared}, {@code workflow.unshared},
 * {@code workflow.transferred}, {@code workflow.deleted}, {@code workflow.flushed},
 * {@code workflow.clone-requested}, {@code workflow.cloned}. Consumes
 * {@code workflow.part-cloned} from the participating services.
 */
package org.ontask.workflow.workflow;
