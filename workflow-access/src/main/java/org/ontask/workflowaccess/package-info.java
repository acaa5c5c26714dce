/**
 * Who may open which workflow, for every service that serves workflow-scoped pages
 * (dataops, action, scheduler): a {@code known_workflow} table in the service's own
 * schema, kept from workflow-service's {@code workflow.created} events, and the check a
 * controller makes before showing anything of a workflow. Sharing, transfer and deletion
 * events extend it with the workflow issue.
 */
package org.ontask.workflowaccess;
