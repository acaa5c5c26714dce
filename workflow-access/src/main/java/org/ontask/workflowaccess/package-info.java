/**
 * Who may open which workflow, for every service that serves workflow-scoped pages
 * (dataops, action, scheduler): {@code known_workflow} and {@code known_workflow_share}
 * tables in the service's own schema, kept from workflow-service's events (created,
 * renamed, shared, unshared, transferred, deleted), the checks a controller makes before
 * showing or changing anything of a workflow, and the relay of delete, flush and clone to
 * the service's {@code WorkflowDataLifecycle}, answering clones with
 * {@code workflow.part-cloned} on the service's own exchange.
 */
package org.ontask.workflowaccess;
